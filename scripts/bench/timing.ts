/**
 * Timing check of signature comparison: does `verify()` (node:crypto backend) take
 * longer when more leading hex characters of the signature match? Signatures matching
 * 0, 16, 32, 48 and 63 leading characters are timed in many interleaved rounds (the
 * order shuffled each round), and the 0-match and 63-match distributions are compared
 * with Welch's t-test and the Kolmogorov–Smirnov test. A deliberately leaky comparison
 * (early exit on the first differing character) is timed the same way as a control:
 * if the check cannot see that leak, its verdict is "inconclusive", not "constant".
 *
 *   npx tsx scripts/bench/timing.ts [--rounds 1500] [--batch 100]
 *
 * Exit code: 0 no dependence found, 1 dependence found, 2 inconclusive.
 * Not part of `npm test`: it is a statistical measurement, not a pass/fail unit test.
 */
import { createHmac } from 'node:crypto';
import { nodeHmacBackend, sign, verify } from '../../packages/core/src/index.ts';
import { median } from './stats.ts';
import { type Comparison, compare } from './timing-stats.ts';

const argument = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at > 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isSafeInteger(value) || value < 2) throw new Error(`--${name} must be an integer of at least 2`);
  return value;
};
const rounds = argument('rounds', 1500);
const batch = argument('batch', 100);
const alpha = 0.001;

const backend = nodeHmacBackend();
if (!backend) throw new Error('node:crypto is not available: this check measures the node:crypto backend.');
const secret = 'timing-check-secret';
const body = JSON.stringify({
  player_id: '6',
  amount: 100,
  currency_code: 'EUR',
  is_mobile: false,
  action: 'win',
  payload: {
    reference: 'Monkey',
    session_token: 's-1',
    provider_transfer_data: { transaction_id: 't-1', round_id: 'r-1', round_close: true },
  },
});
const good = await sign(body, secret, backend);

/** The good signature with its first `n` characters kept and every later one changed. */
function matching(n: number): string {
  const changed = [...good.slice(n)].map((c) => ((Number.parseInt(c, 16) + 1) % 16).toString(16)).join('');
  return good.slice(0, n) + changed;
}

/** A naive comparison that stops at the first differing character: the leak the check must be able to see. */
async function leakyVerify(raw: string, signature: string): Promise<boolean> {
  const expected = createHmac('sha256', secret).update(raw).digest('hex');
  if (expected.length !== signature.length) return false;
  for (let i = 0; i < expected.length; i++) if (expected[i] !== signature[i]) return false;
  return true;
}

type Subject = (signature: string) => Promise<boolean>;
const prefixes = [0, 16, 32, 48, 63] as const;
const subjects: Record<string, { run: Subject; signature: string }> = {};
for (const n of prefixes)
  subjects[`verify ${n}`] = { run: (s) => verify(body, s, secret, backend), signature: matching(n) };
for (const n of [0, 63]) subjects[`leaky ${n}`] = { run: (s) => leakyVerify(body, s), signature: matching(n) };

/** ns per call over one batch. */
async function sample({ run, signature }: { run: Subject; signature: string }): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < batch; i++) {
    if (await run(signature)) throw new Error('a wrong signature was accepted');
  }
  return Number(process.hrtime.bigint() - start) / batch;
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const names = Object.keys(subjects);
const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
for (let round = -50; round < rounds; round++) {
  for (const name of shuffled(names)) {
    const ns = await sample(subjects[name]!);
    if (round >= 0) samples[name]!.push(ns); // the first 50 rounds warm the JIT up
  }
}

const line = (c: Comparison) =>
  `medians ${c.medianA.toFixed(1)} vs ${c.medianB.toFixed(1)} ns (Δ ${(c.medianB - c.medianA).toFixed(1)} ns); ` +
  `Welch t=${c.welch.t.toFixed(2)} p=${c.welch.p.toExponential(2)}; KS D=${c.ks.d.toFixed(3)} p=${c.ks.p.toExponential(2)}`;
const differs = (c: Comparison) => c.welch.p < alpha || c.ks.p < alpha;

console.log(
  `verify() timing by matching prefix — ${rounds} rounds × ${batch} calls, ${backend.name}, node ${process.version}`,
);
for (const name of names) console.log(`  ${name.padEnd(10)} median ${median(samples[name]!).toFixed(1)} ns/call`);
const subject = compare(samples['verify 0']!, samples['verify 63']!);
const control = compare(samples['leaky 0']!, samples['leaky 63']!);
console.log(`verify 0 vs 63: ${line(subject)}`);
console.log(`leaky  0 vs 63: ${line(control)} (control)`);

if (differs(subject)) {
  console.log(`VERDICT: verify() time DEPENDS on how many leading characters match (p < ${alpha}).`);
  process.exitCode = 1;
} else if (!differs(control)) {
  console.log('VERDICT: inconclusive: the check could not see the leaky control either; run more --rounds.');
  process.exitCode = 2;
} else {
  console.log(
    `VERDICT: no dependence of verify() time on matching leading characters (p ≥ ${alpha}), ` +
      'while the same check sees the leaky control.',
  );
}
