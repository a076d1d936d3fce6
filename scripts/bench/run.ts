/**
 * `npm run bench`: runs every section, prints the ratios, writes BENCHMARKS.md and docs/bench-chart.svg. `--quick`
 * (CI) runs each briefly and named sections run alone; neither writes. Exit 1 when a section crashed, 2 for bad args.
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { client } from './client.ts';
import { handlerHttp, handlerInProcess } from './handler.ts';
import { ledger } from './ledger.ts';
import type { Config } from './measure.ts';
import { chartSvg, ratioLines, type Section, sectionLines } from './report.ts';
import { size } from './size.ts';

/** The sections, in report order; a new one is one more entry here. */
const sections: Record<string, (config: Config) => Promise<Section>> = {
  'handler-http': handlerHttp,
  'handler-inprocess': handlerInProcess,
  client,
  ledger,
  size,
};

const args = process.argv.slice(2);
const [quick, names] = [args.includes('--quick'), args.filter((a) => a !== '--quick')];
const unknown = names.filter((name) => !(name in sections));
if (unknown.length > 0) {
  console.error(`bench: unknown ${unknown.join(', ')}; sections: ${Object.keys(sections).join(', ')}; flag: --quick`);
  process.exit(2);
}
const config: Config = quick
  ? { quick, rounds: 1, seconds: 0.25 }
  : { quick, rounds: Number(process.env.BENCH_ROUNDS ?? 3), seconds: Number(process.env.BENCH_SECONDS ?? 3) };
const [started, load] = [new Date(), os.loadavg()[0]!];
const results: Section[] = [];
for (const name of names.length > 0 ? names : Object.keys(sections)) {
  const t0 = performance.now();
  const result = await sections[name]!(config).catch((error): Section => {
    console.error(`bench: ${name} crashed:`, error);
    return { title: name, ratios: [], crashed: String(error) };
  });
  const skipped = result.skipped ? `skipped (${result.skipped}), ` : '';
  console.error(`bench: ${name} ${skipped}took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  results.push(result);
}
console.log(ratioLines(results).join('\n'));

if (!quick && names.length === 0) {
  // The bench owns the part of BENCHMARKS.md between the markers; the text around it is written by hand.
  const [cpus, file] = [os.cpus(), new URL('../../BENCHMARKS.md', import.meta.url)];
  const [head, rest] = (await readFile(file, 'utf8')).split('<!-- bench:start -->');
  const took = Math.round((Date.now() - started.getTime()) / 1000);
  const generated = `<!-- bench:start -->
![Each ratio against its goal](docs/bench-chart.svg)

Run ${started.toISOString()}, ${took} s: ${config.rounds} measured rounds per candidate after a warm-up round, \
${config.seconds} s per throughput round. ${cpus[0]?.model.trim()}, ${cpus.length} cores, \
${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; load average (1 min) ${load.toFixed(1)} at the \
start, ${os.loadavg()[0]!.toFixed(1)} at the end. What each section measures is written below the tables.

${[...ratioLines(results), '', ...results.flatMap(sectionLines)].join('\n')}
<!-- bench:end -->`;
  await writeFile(file, [head, generated, rest?.split('<!-- bench:end -->')[1] ?? '\n'].join(''));
  await writeFile(new URL('../../docs/bench-chart.svg', import.meta.url), chartSvg(results.flatMap((s) => s.ratios)));
  console.error('bench: wrote BENCHMARKS.md and docs/bench-chart.svg');
}
if (results.some((s) => s.crashed)) process.exitCode = 1;
