/**
 * `npm run bench:timing`: does `verify()` (the node:crypto backend of @tbb-wallet/core)
 * take longer the more leading hex characters of a wrong signature match? Each round
 * times a batch of calls with 0 and with 63 matching characters back to back (in a random
 * order), and a sign test over the rounds asks whether one is slower more often than
 * chance allows. A deliberately leaky comparison (exit at the first differing character)
 * is timed the same way as a control: if the test cannot see that leak, it proves nothing.
 *
 *   npx tsx scripts/bench/timing.ts [--rounds 2000]
 *
 * Exit code: 0 no dependence while the control's leak is seen, 1 dependence, 2 inconclusive.
 */
import { createHmac } from 'node:crypto';
import { nodeHmacBackend, sign, verify } from '@tbb-wallet/core';
import { spread } from './measure.ts';

const at = process.argv.indexOf('--rounds');
const rounds = at > 0 ? Number(process.argv[at + 1]) : 2000;
if (!Number.isSafeInteger(rounds) || rounds < 100) throw new Error('--rounds must be an integer of at least 100');
const batch = 100;
const backend = nodeHmacBackend();
if (!backend) throw new Error('node:crypto is not available: this check measures the node:crypto backend');
const secret = 'timing-check-secret';
const body = '{"player_id":"6","amount":100,"currency_code":"EUR","action":"win","payload":{"reference":"M"}}';
const good = await sign(body, secret, backend);

/** The good signature with its first `n` characters kept and every later one changed. */
const matching = (n: number) =>
  good.slice(0, n) + [...good.slice(n)].map((c) => ((Number.parseInt(c, 16) + 1) % 16).toString(16)).join('');

/** The leak the check must be able to see: a comparison that stops at the first differing character. */
async function leaky(raw: string, signature: string): Promise<boolean> {
  const expected = createHmac('sha256', secret).update(raw).digest('hex');
  for (let i = 0; i < expected.length; i++) if (expected[i] !== signature[i]) return false;
  return true;
}

async function time(check: (raw: string, signature: string) => Promise<boolean>, signature: string) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < batch; i++) if (await check(body, signature)) throw new Error('a wrong signature passed');
  return Number(process.hrtime.bigint() - start) / batch;
}

/** Paired sign test of "63 matching is slower than 0 matching" over the rounds: |z| > 3.29 is p < 0.001. */
async function pairedSignTest(name: string, check: (raw: string, signature: string) => Promise<boolean>) {
  const times: [number[], number[]] = [[], []];
  for (let round = -100; round < rounds; round++) {
    const order = Math.random() < 0.5 ? [0, 63] : [63, 0]; // each pair in a random order
    const pair: Record<number, number> = {};
    for (const n of order) pair[n] = await time(check, matching(n));
    if (round < 0) continue; // the first 100 rounds warm the JIT up
    times[0].push(pair[0]!);
    times[1].push(pair[63]!);
  }
  const slower = times[1].filter((t, i) => t > times[0][i]!).length;
  const z = (slower - rounds / 2) / Math.sqrt(rounds / 4);
  const [a, b] = times.map((v) => spread(v).median.toFixed(1));
  console.log(
    `${name}: medians ${a} ns (0 matching), ${b} ns (63); 63 slower in ${slower} of ${rounds}, z = ${z.toFixed(2)}`,
  );
  return Math.abs(z) > 3.29;
}

console.log(`verify() timing by matching prefix: ${rounds} rounds × ${batch} calls, node ${process.version}`);
const dependent = await pairedSignTest('verify()', (raw, s) => verify(raw, s, secret, backend));
const controlSeen = await pairedSignTest('leaky control', leaky);
if (dependent) {
  console.log('VERDICT: verify() time DEPENDS on how many leading characters match (p < 0.001).');
  process.exitCode = 1;
} else if (!controlSeen) {
  console.log('VERDICT: inconclusive: the test could not see the leaky control either; run more --rounds.');
  process.exitCode = 2;
} else {
  console.log('VERDICT: no dependence of verify() time on matching characters, while the same test sees the leak.');
}
