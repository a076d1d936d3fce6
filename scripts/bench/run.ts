/**
 * `npm run bench`: runs every section, prints the ratios and writes BENCHMARKS.md and
 * docs/bench-chart.svg. `--quick` (CI) runs each section briefly and writes nothing: it
 * proves the bench runs. Named sections run alone and write nothing either.
 * Exit code: 0 when every section ran (goals missed or not), 1 when one crashed, 2 for bad arguments.
 *
 *   npx tsx scripts/bench/run.ts [--quick] [handler-http|handler-inprocess|client|ledger|size …]
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { client } from './client.ts';
import { handlerHttp, handlerInProcess } from './handler.ts';
import { ledger } from './ledger.ts';
import type { Config } from './measure.ts';
import { chartSvg, ratioLines, type Section, sectionLines } from './report.ts';
import { size } from './size.ts';
import { telemetry } from './telemetry.ts';

/** The sections, in report order; a new one is one more entry here. */
const sections: Record<string, (config: Config) => Promise<Section>> = {
  'handler-http': handlerHttp,
  'handler-inprocess': handlerInProcess,
  client,
  ledger,
  telemetry,
  size,
};

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const names = args.filter((a) => !a.startsWith('--'));
const unknown = args.filter((a) => a !== '--quick' && !(a in sections));
if (unknown.length > 0) {
  console.error(`bench: unknown ${unknown.join(', ')}; sections: ${Object.keys(sections).join(', ')}; flag: --quick`);
  process.exit(2);
}

const config: Config = quick
  ? { quick, rounds: 1, seconds: 0.25 }
  : { quick, rounds: Number(process.env.BENCH_ROUNDS ?? 3), seconds: Number(process.env.BENCH_SECONDS ?? 3) };
const started = new Date();
const load = os.loadavg()[0]!;
const results: Section[] = [];
for (const name of names.length > 0 ? names : Object.keys(sections)) {
  const t0 = performance.now();
  try {
    results.push(await sections[name]!(config));
    if (results.at(-1)!.skipped) console.error(`bench: ${name} skipped: ${results.at(-1)!.skipped}`);
  } catch (error) {
    console.error(`bench: ${name} crashed:`, error);
    results.push({ title: name, what: '', ratios: [], crashed: String(error) });
  }
  console.error(`bench: ${name} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
console.log(ratioLines(results).join('\n'));

if (!quick && names.length === 0) {
  // The bench owns the part of BENCHMARKS.md between the markers; the text around it is written by hand.
  const cpus = os.cpus();
  const file = new URL('../../BENCHMARKS.md', import.meta.url);
  const [head, rest] = (await readFile(file, 'utf8')).split('<!-- bench:start -->');
  const generated = [
    '<!-- bench:start -->',
    '![Each ratio against its goal](docs/bench-chart.svg)',
    '',
    `Run ${started.toISOString()}, ${Math.round((Date.now() - started.getTime()) / 1000)} s: ${config.rounds} ` +
      `measured rounds per candidate after a warm-up round, ${config.seconds} s per throughput round. ` +
      `${cpus[0]?.model.trim()}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ` +
      `${process.version}; load average (1 min) ${load.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end.`,
    '',
    ...ratioLines(results),
    '',
    ...results.flatMap(sectionLines),
    '<!-- bench:end -->',
  ];
  await writeFile(file, [head, generated.join('\n'), rest?.split('<!-- bench:end -->')[1] ?? '\n'].join(''));
  await writeFile(new URL('../../docs/bench-chart.svg', import.meta.url), chartSvg(results.flatMap((s) => s.ratios)));
  console.error('bench: wrote BENCHMARKS.md and docs/bench-chart.svg');
}
if (results.some((s) => s.crashed)) process.exitCode = 1;
