/**
 * Size budgets: each entry point bundled by esbuild from the built dist with everything it
 * imports (minified, ESM, `node:*` external), gzipped, ÷ its budget. `npm run size` runs this
 * alone and exits 1 when a budget is exceeded (CI).
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { met } from './measure.ts';
import type { Section } from './report.ts';

/** Entry points and their budgets in gzipped kB (1 kB = 1,000 bytes). */
const entries = [
  ['@tbb-wallet/client', 'packages/client/dist/index.js', 12],
  ['@tbb-wallet/handler (without adapters)', 'packages/handler/dist/index.js', 25],
] as const;
const options = { bundle: true, minify: true, write: false, format: 'esm', platform: 'neutral' } as const;

/** Measures the size section. */
export async function size(): Promise<Section> {
  const rows = [];
  for (const [name, file, budget] of entries) {
    const entryPoints = [fileURLToPath(new URL(`../../${file}`, import.meta.url))];
    const result = await build({ ...options, entryPoints, mainFields: ['module', 'main'], external: ['node:*'] });
    const code = result.outputFiles[0]!.contents;
    const kB = gzipSync(code, { level: 9 }).byteLength / 1000;
    rows.push({ name, budget, minified: code.byteLength / 1000, kB });
  }
  return {
    title: 'Size',
    what: 'Each entry point bundled by esbuild from the built dist (minified, ESM, `node:*` external), gzipped at level 9.',
    table: {
      header: ['entry', 'minified kB', 'gzipped kB', 'budget kB'],
      rows: rows.map((r) => [r.name, r.minified.toFixed(1), r.kB.toFixed(1), String(r.budget)]),
    },
    ratios: rows.map((r) => {
      const value = { median: r.kB / r.budget, min: r.kB / r.budget, max: r.kB / r.budget };
      return { name: `Size: ${r.name} ÷ ${r.budget} kB gzipped`, goal: ['≤', 1], value };
    }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { ratios, table } = await size();
  for (const [i, r] of ratios.entries()) console.log(`${met(r) ? 'ok  ' : 'OVER'} ${table!.rows[i]!.join(' | ')}`);
  if (!ratios.every(met)) process.exitCode = 1;
}
