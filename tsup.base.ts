/**
 * What every package's build shares: ESM + CJS with `.d.ts`/`.d.cts`, source maps,
 * ES2022, no runtime-specific resolution (the packages run on Node, Bun, Deno and Workers).
 */
import type { Options } from 'tsup';

export const libraryBuild = {
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
} satisfies Options;
