/**
 * `npm run bench:timing [-- --rounds 2000]`: does `verify()` (node:crypto) take longer the more leading characters
 * of a wrong signature match? A sign test over rounds of interleaved calls with 0 and 63 matching, beside a leaky
 * control it must see (BENCHMARKS.md, "The timing check"). Exit 0: no dependence, 1: dependence, 2: inconclusive.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { nodeHmacBackend, verify } from '@tbb-wallet/core';
import { spread } from './measure.ts';

const at = process.argv.indexOf('--rounds');
const rounds = at > 0 ? Number(process.argv[at + 1]) : 2000;
if (!Number.isSafeInteger(rounds) || rounds < 100) throw new Error('--rounds must be an integer of at least 100');
const [pairs, threshold] = [100, 4.42]; // |z| > 4.42 is two-sided p < 0.00001
const backend = nodeHmacBackend();
if (!backend) throw new Error('node:crypto is not available: this check measures the node:crypto backend');
const secret = 'timing-check-secret';
type Check = (raw: string, signature: string) => Promise<boolean>;

/** The leak the check must be able to see: a comparison that stops at the first differing character. */
const leaky: Check = async (raw, signature) => {
  const expected = createHmac('sha256', secret).update(raw).digest('hex');
  for (let i = 0; i < expected.length; i++) if (expected[i] !== signature[i]) return false;
  return true;
};

/** A fresh body and two wrong signatures, built alike (see BENCHMARKS.md): 0 and 63 leading characters kept. */
function signedRound() {
  const body = `{"player_id":"6","action":"win","nonce":"${randomBytes(8).toString('hex')}"}`;
  const good = createHmac('sha256', secret).update(body).digest('hex');
  const wrong = (n: number) => [...good].map((c, i) => (i < n ? c : ((Number.parseInt(c, 16) + 1) % 16).toString(16)));
  return { body, signatures: [wrong(0).join(''), wrong(63).join('')] };
}

/** Sign test of "63 matching is slower than 0 matching" over the rounds (after 100 to warm the JIT up). */
async function signTest(name: string, check: Check) {
  const ns: [number[], number[]] = [[], []];
  for (let round = -100; round < rounds; round++) {
    const { body, signatures } = signedRound();
    const sums = [0, 0];
    for (let i = 0; i < pairs; i++) {
      for (const k of Math.random() < 0.5 ? [0, 1] : [1, 0]) {
        const start = process.hrtime.bigint();
        if (await check(body, signatures[k]!)) throw new Error('a wrong signature passed');
        sums[k]! += Number(process.hrtime.bigint() - start);
      }
    }
    if (round >= 0) for (const k of [0, 1] as const) ns[k].push(sums[k]! / pairs);
  }
  const slower = ns[1].filter((t, i) => t > ns[0][i]!).length;
  const z = (slower - rounds / 2) / Math.sqrt(rounds / 4);
  const [a, b] = ns.map((v) => spread(v).median.toFixed(1));
  console.log(`${name}: median ${a} / ${b} ns at 0 / 63 matching; 63 slower in ${slower} rounds, z = ${z.toFixed(2)}`);
  return Math.abs(z) > threshold;
}

console.log(`verify() timing: ${rounds} rounds × ${pairs} pairs, interleaved; dependence when |z| > ${threshold}`);
const dependent = await signTest('verify()', (raw, s) => verify(raw, s, secret, backend));
const controlSeen = await signTest('leaky control', leaky);
const verdicts = [
  'no dependence of verify() time on matching characters, while the same test sees the leak.',
  'verify() time DEPENDS on how many leading characters match (p < 0.00001).',
  'inconclusive: the test could not see the leaky control either; run more --rounds.',
];
process.exitCode = dependent ? 1 : controlSeen ? 0 : 2;
console.log(`VERDICT: ${verdicts[process.exitCode]}`);
