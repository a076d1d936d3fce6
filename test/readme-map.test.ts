/**
 * The maps a newcomer reads are true: the README's layout table names paths that
 * exist and covers every package, every top-level folder and everything in scripts/;
 * its scripts table and CONTRIBUTING.md's commands table cover every root script and
 * name only real ones; every path CONTRIBUTING.md names exists, and its package table
 * is the package.json files' dependencies.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../scripts/generate.ts';
import { workspaceDirs } from '../scripts/workspace-entries.mjs';

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const readme = read('README.md');
const contributing = read('CONTRIBUTING.md');
const rootScripts: Record<string, string> = JSON.parse(read('package.json')).scripts;
/** Every tracked file, relative to the root: what a fresh clone has. */
const tracked = execFileSync('git', ['ls-files'], { cwd: repoRoot, encoding: 'utf8' }).split('\n').filter(Boolean);

/** The text of the `## heading` section, up to the next `## `. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no "## ${heading}" section`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

/** The body rows of the first table in `text`, as trimmed cells. */
function tableRows(text: string): string[][] {
  const lines = text.split('\n').filter((line) => line.startsWith('|'));
  return lines.slice(2).map((line) =>
    line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim()),
  );
}

/** The backticked spans of a piece of Markdown. */
const codeSpans = (text: string) => [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);

/** The root script a command cell names: `npm test` → test, `npm run lint:spec` → lint:spec. */
function scriptOf(cell: string): string | undefined {
  const command = codeSpans(cell)[0];
  return command === 'npm test' ? 'test' : /^npm run ([\w:-]+)$/.exec(command ?? '')?.[1];
}

/** Root scripts a person runs: all but npm's pre/post hooks of another script. */
const runnable = Object.keys(rootScripts).filter((name) => {
  const hook = /^(pre|post)(.+)$/.exec(name);
  return !(hook && hook[2]! in rootScripts);
});

describe.each([
  ['README.md', readme, 'Scripts'],
  ['CONTRIBUTING.md', contributing, 'Commands'],
])('%s', (_file, text, heading) => {
  const rows = tableRows(section(text, heading));

  it('names in its commands table only root scripts that exist, and every one of them', () => {
    const named = rows.map(([command]) => scriptOf(command!));
    expect(named).not.toContain(undefined);
    for (const script of named) expect(Object.keys(rootScripts)).toContain(script);
    expect([...named].sort()).toEqual([...runnable].sort());
  });

  it('tells people to run only scripts that exist', () => {
    const named = [...text.matchAll(/npm run ([a-z][\w:-]*)/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(5);
    for (const script of named) expect(Object.keys(rootScripts)).toContain(script);
  });
});

describe('README.md layout', () => {
  const rows = tableRows(section(readme, 'Layout'));
  const paths = rows.map(([path]) => codeSpans(path!)[0]!);

  it('names only paths that exist in a fresh clone', () => {
    for (const path of paths) {
      const file = path.replace(/\/$/, '');
      expect(
        tracked.some((t) => t === file || t.startsWith(`${file}/`)),
        `${path} is in the layout but not in the repository`,
      ).toBe(true);
    }
  });

  it('has a row for every workspace package and every top-level folder', () => {
    for (const dir of workspaceDirs(repoRoot)) expect(paths).toContain(dir);
    const folders = new Set(tracked.filter((t) => t.includes('/')).map((t) => t.split('/')[0]!));
    folders.delete('packages'); // one row per package, checked above
    for (const folder of folders) {
      expect(
        paths.some((p) => p === `${folder}/` || p.startsWith(`${folder}/`)),
        `no layout row for ${folder}/`,
      ).toBe(true);
    }
  });

  it('names everything in scripts/', () => {
    const described = codeSpans(rows.find(([path]) => path === '`scripts/`')![1]!);
    const entries = new Set(
      tracked
        .filter((t) => t.startsWith('scripts/'))
        .map((t) => t.split('/'))
        .map((parts) => (parts.length > 2 ? `${parts[1]}/` : parts[1]!)),
    );
    for (const entry of entries) {
      if (entry.endsWith('.d.mts')) continue; // the types of the module beside it
      expect(described, `scripts/${entry} is not in the layout's scripts/ row`).toContain(entry);
    }
  });
});

describe('CONTRIBUTING.md', () => {
  it('names only repository paths that exist', () => {
    const topLevel = new Set(tracked.map((t) => t.split('/')[0]!));
    const paths = codeSpans(contributing).filter(
      (span) => /^[\w.-]+\/[\w./-]*$/.test(span) && topLevel.has(span.split('/')[0]!),
    );
    expect(paths.length).toBeGreaterThan(50);
    for (const path of paths) {
      const file = path.replace(/\/$/, '');
      expect(
        tracked.some((t) => t === file || t.startsWith(`${file}/`)) || existsSync(join(repoRoot, file)),
        `${path} is named in CONTRIBUTING.md but does not exist`,
      ).toBe(true);
    }
  });

  it('shows each package with its real workspace dependencies', () => {
    const rows = tableRows(section(contributing, 'The packages'));
    const table = Object.fromEntries(rows.map(([name, deps]) => [codeSpans(name!)[0], codeSpans(deps!).sort()]));
    const actual = Object.fromEntries(
      workspaceDirs(repoRoot).map((dir) => {
        const manifest = JSON.parse(read(`${dir}/package.json`));
        const deps = Object.keys(manifest.dependencies ?? {}).filter((d) => d.startsWith('@tbb-wallet/'));
        return [manifest.name, deps.sort()];
      }),
    );
    expect(table).toEqual(actual);
  });
});
