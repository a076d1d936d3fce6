/**
 * The wiring lists (vitest aliases, tsup entries, TypeDoc entry points, pack-check's
 * packages and entries) all come from scripts/workspace-entries.mjs: what it reads from
 * the package.json files is what those tools get.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workspaceAlias } from '../../vitest.shared.ts';
import { repoRoot } from '../generate.ts';
import { buildEntries, packageEntries, workspaceDirs, workspaceEntries } from '../workspace-entries.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'tbb-workspace-entries-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A package directory holding only this package.json. */
function packageWith(manifest: object): string {
  const dir = mkdtempSync(join(scratch, 'package-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  return dir;
}

describe('workspace entries', () => {
  it('lists every package under packages/, as the root package.json has them', () => {
    const onDisk = readdirSync(join(repoRoot, 'packages')).filter((name) =>
      existsSync(join(repoRoot, 'packages', name, 'package.json')),
    );
    expect([...workspaceDirs(repoRoot)].sort()).toEqual(onDisk.map((name) => `packages/${name}`).sort());
  });

  it('reads each export with a source condition as a public entry whose source exists', () => {
    const entries = workspaceEntries(repoRoot);
    expect(entries.map((e) => e.specifier)).toEqual([
      '@tbb-wallet/core',
      '@tbb-wallet/client',
      '@tbb-wallet/client/opentelemetry',
      '@tbb-wallet/handler',
      '@tbb-wallet/handler/fastify',
      '@tbb-wallet/handler/opentelemetry',
      '@tbb-wallet/ledger',
      '@tbb-wallet/ledger/opentelemetry',
      '@tbb-wallet/outbox',
      '@tbb-wallet/outbox/opentelemetry',
      '@tbb-wallet/testing',
    ]);
    expect(entries.find((e) => e.specifier === '@tbb-wallet/handler/fastify')).toMatchObject({
      source: 'packages/handler/src/adapters/fastify.ts',
      distName: 'fastify',
    });
    for (const { source } of entries) expect(existsSync(join(repoRoot, source)), source).toBe(true);
  });

  it('gives tsup every dist file the exports name, nested conditions included', () => {
    expect(buildEntries(join(repoRoot, 'packages/handler'))).toEqual({
      index: 'src/index.ts',
      fastify: 'src/adapters/fastify.ts',
      opentelemetry: 'src/opentelemetry.ts',
    });
    // The client's `node` condition points at dist/node.js: built from src/node.ts.
    expect(buildEntries(join(repoRoot, 'packages/client'))).toEqual({
      index: 'src/index.ts',
      opentelemetry: 'src/opentelemetry.ts',
      node: 'src/node.ts',
    });
  });

  it('aliases every entry to its source for vitest, subpaths before their package', () => {
    const specifiers = Object.keys(workspaceAlias);
    expect(specifiers.indexOf('@tbb-wallet/handler/fastify')).toBeLessThan(specifiers.indexOf('@tbb-wallet/handler'));
    expect(workspaceAlias['@tbb-wallet/outbox']).toBe(join(repoRoot, 'packages/outbox/src/index.ts'));
  });

  it('skips exports without a source condition (./package.json)', () => {
    const dir = packageWith({ name: 'x', exports: { '.': { source: './src/index.ts', import: './dist/index.js' } } });
    expect(packageEntries(dir)).toEqual([
      { packageName: 'x', specifier: 'x', source: 'src/index.ts', distName: 'index' },
    ]);
  });

  it('refuses an export with a source but no ESM file under dist/, naming it', () => {
    const dir = packageWith({ name: 'x', exports: { './y': { source: './src/y.ts', import: './lib/y.mjs' } } });
    expect(() => packageEntries(dir)).toThrow('x exports["./y"] has a source but no import → ./dist/*.js');
  });
});
