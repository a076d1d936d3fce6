/**
 * Section 7: minified + gzipped size of the client and handler entry points with
 * everything they import, bundled by esbuild from the built dist, against budgets.
 * `npm run size` runs this alone and exits 1 when a budget is exceeded (for CI).
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { Goal, Section } from './section.ts';
import { met } from './section.ts';
import { fmt } from './stats.ts';

/** An entry point and its budget in gzipped kB (1 kB = 1,000 bytes). */
const entries = [
  { name: '@tbb-wallet/client', file: 'packages/client/dist/index.js', budgetKb: 12 },
  { name: '@tbb-wallet/handler (without adapters)', file: 'packages/handler/dist/index.js', budgetKb: 25 },
] as const;

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Bytes of one entry: minified, gzipped, and the biggest inputs of the bundle. */
async function measureEntry(file: string) {
  const result = await build({
    entryPoints: [root + file],
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    external: ['node:*'],
    logLevel: 'error',
  });
  const code = result.outputFiles[0]!.contents;
  const output = Object.values(result.metafile.outputs)[0]!;
  const inputs = Object.entries(output.inputs)
    .map(([path, { bytesInOutput }]) => ({ path: path.replace(/^.*node_modules\//, ''), bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength, inputs };
}

/** Runs section 7. */
export async function size(): Promise<Section> {
  const rows: string[][] = [];
  const goals: Goal[] = [];
  const notes: string[] = [];
  for (const entry of entries) {
    const m = await measureEntry(entry.file);
    rows.push([entry.name, fmt(m.minified / 1000, 1), fmt(m.gzipped / 1000, 1), `${entry.budgetKb}`]);
    goals.push({
      name: `${entry.name}, gzipped kB`,
      value: m.gzipped / 1000,
      target: entry.budgetKb,
      kind: 'at-most',
      unit: ' kB',
    });
    const top = m.inputs.slice(0, 4).map((i) => `${i.path} ${fmt(i.bytes / 1000, 1)} kB`);
    notes.push(`- ${entry.name}, biggest inputs (minified): ${top.join(', ')}.`);
  }
  return {
    title: '7. Size',
    what:
      'Each entry point bundled with its dependencies by esbuild (`bundle`, `minify`, ESM, `node:*` external) from ' +
      'the built dist, then gzipped (level 9). The handler is its main entry; the Fastify adapter is a separate entry and not counted.',
    rerun: 'npm run build && npm run size',
    tables: [{ header: ['entry', 'minified kB', 'gzipped kB', 'budget kB'], rows }],
    goals,
    notes,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const section = await size();
  for (const goal of section.goals) {
    console.log(`${met(goal) ? 'ok  ' : 'OVER'} ${goal.name}: ${goal.value.toFixed(1)} (budget ${goal.target})`);
  }
  for (const note of section.notes) console.log(note);
  if (!section.goals.every(met)) process.exitCode = 1;
}
