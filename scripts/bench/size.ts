/** Size budgets: each entry point bundled from dist by esbuild, gzipped, ÷ its budget. `npm run size`: exit 1 over. */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { met, type Ratio, spread } from './measure.ts';
import { markdownTable, type Section } from './report.ts';

/** Entry points and their budgets in gzipped kB (1 kB = 1,000 bytes). */
const entries = [
  ['@tbb-wallet/client', 'packages/client/dist/index.js', 12],
  ['@tbb-wallet/handler (without adapters)', 'packages/handler/dist/index.js', 25],
] as const;
const header = ['entry', 'minified kB', 'gzipped kB', 'budget kB'];
const options = { bundle: true, minify: true, write: false, format: 'esm', platform: 'neutral' } as const;

export async function size(): Promise<Section> {
  const [rows, ratios] = [[] as string[][], [] as Ratio[]];
  for (const [name, file, budget] of entries) {
    const entryPoints = [fileURLToPath(new URL(`../../${file}`, import.meta.url))];
    const result = await build({ ...options, entryPoints, mainFields: ['module', 'main'], external: ['node:*'] });
    const code = result.outputFiles[0]!.contents;
    const kB = gzipSync(code, { level: 9 }).byteLength / 1000;
    rows.push([name, (code.byteLength / 1000).toFixed(1), kB.toFixed(1), String(budget)]);
    ratios.push({ name: `Size: ${name} ÷ ${budget} kB gzipped`, goal: ['≤', 1], value: spread([kB / budget]) });
  }
  return { title: 'Size', table: markdownTable(header, rows), ratios };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { ratios, table } = await size();
  console.log([...table!, ...ratios.filter((r) => !met(r)).map((r) => `OVER: ${r.name}`)].join('\n'));
  if (!ratios.every(met)) process.exitCode = 1;
}
