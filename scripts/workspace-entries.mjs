/**
 * The one source of the repo's wiring lists: the root package.json's `workspaces` and
 * each package's `exports`. An export with a `source` condition is a public entry:
 * vitest aliases it to that source, TypeDoc documents it, pack-check imports it from the
 * installed tarball, and tsup builds it into the `dist/<name>` its `import` condition
 * names. Plain JavaScript (typed by workspace-entries.d.mts) because TypeDoc loads its
 * config with Node, without a TypeScript loader.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const relative = (path) => path.replace(/^\.\//, '');

/** The `dist/<name>.js` that a conditions object's ESM branch points to, or undefined. */
function distNameOf(conditions) {
  const target = conditions?.import?.default ?? conditions?.import;
  const match = typeof target === 'string' ? /^\.\/dist\/(.+)\.js$/.exec(target) : null;
  return match?.[1];
}

/** Every `dist/<name>.js` named anywhere inside a conditions object (nested conditions included). */
function distNamesIn(conditions, names = new Set()) {
  if (typeof conditions === 'string') {
    const match = /^\.\/dist\/(.+)\.js$/.exec(conditions);
    if (match) names.add(match[1]);
  } else if (conditions && typeof conditions === 'object') {
    for (const value of Object.values(conditions)) distNamesIn(value, names);
  }
  return names;
}

/** The public entries of one package directory (absolute or relative to the cwd). */
export function packageEntries(packageDir) {
  const manifest = readJson(join(packageDir, 'package.json'));
  const entries = [];
  for (const [subpath, conditions] of Object.entries(manifest.exports ?? {})) {
    if (typeof conditions !== 'object' || typeof conditions.source !== 'string') continue;
    const distName = distNameOf(conditions);
    if (!distName) throw new Error(`${manifest.name} exports["${subpath}"] has a source but no import → ./dist/*.js`);
    entries.push({
      packageName: manifest.name,
      specifier: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.replace(/^\.\//, '')}`,
      source: relative(conditions.source),
      distName,
    });
  }
  return entries;
}

/**
 * What tsup builds for a package: `dist/<name>` ← its source, for every entry, plus any
 * other `dist/<name>.js` an export names under a nested condition (the client's `node`
 * build), built from `src/<name>.ts`.
 */
export function buildEntries(packageDir) {
  const manifest = readJson(join(packageDir, 'package.json'));
  const entry = Object.fromEntries(packageEntries(packageDir).map((e) => [e.distName, e.source]));
  for (const conditions of Object.values(manifest.exports ?? {})) {
    for (const name of distNamesIn(conditions)) entry[name] ??= `src/${name}.ts`;
  }
  return entry;
}

/** The workspace package directories, relative to the repo root, as the root package.json lists them. */
export function workspaceDirs(repoRoot) {
  return readJson(join(repoRoot, 'package.json')).workspaces;
}

/** Every public entry of every workspace package, `source` relative to the repo root, in workspace order. */
export function workspaceEntries(repoRoot) {
  return workspaceDirs(repoRoot).flatMap((dir) =>
    packageEntries(join(repoRoot, dir)).map((entry) => ({ ...entry, dir, source: `${dir}/${entry.source}` })),
  );
}
