/**
 * The deep fuzz run: the fuzz properties of test/fuzz with FUZZ_RUNS=10000 (at least
 * 10,000 cases per property; `npm test` runs a few hundred). Pass another count as the
 * first argument: `tsx scripts/fuzz.ts 50000`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runs = process.argv[2] ?? process.env.FUZZ_RUNS ?? '10000';
if (!/^[1-9]\d*$/.test(runs)) {
  console.error(`fuzz: the number of runs must be a positive integer, got ${runs}`);
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
console.log(`fuzz: ${runs} cases per property`);
const result = spawnSync('npx', ['vitest', 'run', '--project', 'cross-package', 'test/fuzz'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs },
});
process.exit(result.status ?? 1);
