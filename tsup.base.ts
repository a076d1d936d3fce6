/**
 * What every package's build shares: ESM + CJS with `.d.ts`/`.d.cts`, source maps,
 * ES2022, no runtime-specific resolution (the packages run on Node, Bun, Deno and Workers).
 * The entries are the package's own `exports` (scripts/workspace-entries.mjs): tsup runs
 * in the package's directory, and builds `dist/<name>` for every `./dist/<name>.js` the
 * exports name, so a new entry point needs no line in the package's tsup.config.ts.
 */
import type { Options } from 'tsup';
import { buildEntries } from './scripts/workspace-entries.mjs';

export const libraryBuild = {
  entry: buildEntries(process.cwd()),
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
} satisfies Options;
