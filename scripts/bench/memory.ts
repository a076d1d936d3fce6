/**
 * Section 6: heap after 200,000 handled calls, after GC, versus after 10,000, in a
 * child process of its own (`--expose-gc`). The wallet stores nothing, so any growth
 * is what the handler keeps per call.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchConfig } from './config.ts';
import { type Goal, notMeasured, type Section } from './section.ts';
import { fmt } from './stats.ts';

const title = '6. Memory';
const rerun = 'npm run build && npx tsx scripts/bench/run.ts memory';
const childPath = fileURLToPath(new URL('./memory-child.ts', import.meta.url));

/** Runs section 6. */
export async function memory(config: BenchConfig): Promise<Section> {
  const [early, total] = config.smoke ? [200, 400] : [10_000, 200_000];
  const result = await new Promise<{ early?: number; total?: number; error?: string }>((resolve) => {
    const child = fork(childPath, [String(early), String(total)], { execArgv: ['--import', 'tsx', '--expose-gc'] });
    child.once('message', (m) => resolve(m as { early?: number; total?: number; error?: string }));
    child.once('exit', (code) => resolve({ error: `the memory child exited with code ${code}` }));
  });
  if (result.error || result.early === undefined || result.total === undefined)
    return notMeasured(title, rerun, result.error ?? 'the memory child reported nothing');
  const growthMb = (result.total - result.early) / 1e6;
  const goals: Goal[] = [
    {
      name: `heap growth from ${fmt(early)} to ${fmt(total)} calls`,
      value: growthMb,
      target: 5,
      kind: 'at-most',
      unit: ' MB',
    },
  ];
  return {
    title,
    what:
      `${fmt(total)} distinct signed wins (fresh transaction id each) through \`handle.handleWalletCall\` with a ` +
      'constant wallet, in a child process started with `--expose-gc`; heap used after two full GCs.',
    rerun,
    tables: [
      {
        header: ['after', 'heap used MB'],
        rows: [
          [`${fmt(early)} calls`, fmt(result.early / 1e6, 2)],
          [`${fmt(total)} calls`, fmt(result.total / 1e6, 2)],
        ],
      },
    ],
    goals,
    notes: [],
  };
}
