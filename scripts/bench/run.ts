/**
 * `npm run bench`: runs every section (or those named on the command line), prints
 * the report, and writes BENCHMARKS.md at the root for a full run (or with `--write`).
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { fullRun } from './config.ts';
import { describeMachine } from './machine.ts';
import { renderReport } from './report.ts';
import { notMeasured, type Section } from './section.ts';
import { sections } from './sections.ts';

const reportPath = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url));

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const write = args.includes('--write');
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !(n in sections));
  if (unknown.length > 0) {
    console.error(`unknown section(s): ${unknown.join(', ')}; known: ${Object.keys(sections).join(', ')}`);
    process.exit(2);
  }
  const chosen = names.length > 0 ? names : Object.keys(sections);
  const startedAt = new Date();
  const results: Section[] = [];
  for (const name of chosen) {
    console.error(`bench: ${name}…`);
    const t0 = performance.now();
    try {
      results.push(await sections[name]!(fullRun));
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      results.push(notMeasured(name, `npx tsx scripts/bench/run.ts ${name}`, `the bench failed: ${why}`));
    }
    console.error(`bench: ${name} done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const report = renderReport(describeMachine(), results, startedAt, (Date.now() - startedAt.getTime()) / 1000);
  console.log(report);
  if (write || names.length === 0) {
    await writeFile(reportPath, report);
    console.error(`bench: wrote ${reportPath}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
