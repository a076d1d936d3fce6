/**
 * `npm run lock`: `npm install`, then this. Some registries (this project's build
 * machines use one) serve only the packages of their own platform, so `npm install`
 * cannot record the other platforms' native builds that rollup and Biome list as
 * optional dependencies — and npm 11's `npm ci` then refuses the lockfile as out of
 * sync. This adds an entry for each optional dependency that the lockfile names but
 * does not hold, at the exact version its parent pins, marked optional: `npm ci`
 * skips them on platforms they do not fit, exactly as with a lockfile written
 * against the full registry. Entries that exist are never touched.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './generate.ts';

type Entry = { version?: string; dev?: boolean; optional?: boolean; optionalDependencies?: Record<string, string> };

const file = join(repoRoot, 'package-lock.json');
const lock = JSON.parse(readFileSync(file, 'utf8')) as { packages: Record<string, Entry> };
const exactVersion = /^\d+\.\d+\.\d+(-[\w.]+)?$/;
const added: string[] = [];

for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[hoisted] || !exactVersion.test(spec)) continue;
    lock.packages[hoisted] = { version: spec, dev: entry.dev, optional: true };
    added.push(`${name}@${spec}`);
  }
}

const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
writeFileSync(file, `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
console.log(added.length ? `added ${added.length} optional entries:\n  ${added.join('\n  ')}` : 'lockfile complete');
