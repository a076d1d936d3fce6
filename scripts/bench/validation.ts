/**
 * Section 3: the validator core ships (ajv standalone, compiled ahead of time) versus
 * the alternatives of validation-alternatives.ts, on a valid and an invalid `win`.
 */
import type { BenchConfig } from './config.ts';
import { winRequest } from './fixtures.ts';
import { microRounds } from './micro.ts';
import { type Loaded, loadPackage } from './packages.ts';
import { notMeasured, type Section } from './section.ts';
import { fmt, fmtSpread } from './stats.ts';
import { handCheckWin, runtimeAjvWalletRequest } from './validation-alternatives.ts';

const title = '3. Validation';
const rerun = 'npm run build && npx tsx scripts/bench/run.ts validation';

interface CorePackage {
  checkWalletRequest(value: unknown): { ok: boolean };
}

const valid = winRequest();
const invalid = { ...winRequest(), amount: -1 };

/** Runs section 3. */
export async function validation(config: BenchConfig): Promise<Section> {
  const core: Loaded<CorePackage> = await loadPackage<CorePackage>('core', ['checkWalletRequest']);
  if (!core.ok) return notMeasured(title, rerun, core.why);
  const shipped = core.mod.checkWalletRequest;
  const runtimeAjv = runtimeAjvWalletRequest();
  const candidates = { shipped, runtimeAjv, hand: handCheckWin };
  for (const [name, check] of Object.entries(candidates)) {
    const ok = (v: unknown) => {
      const r = check(v);
      return typeof r === 'boolean' ? r : r.ok;
    };
    if (!ok(valid) || ok(invalid))
      throw new Error(`validator "${name}" does not tell the valid body from the invalid one`);
  }
  const ns = await microRounds(config, {
    'shipped valid': () => shipped(valid),
    'shipped invalid': () => shipped(invalid),
    'runtime valid': () => runtimeAjv(valid),
    'runtime invalid': () => runtimeAjv(invalid),
    'hand valid': () => handCheckWin(valid),
    'hand invalid': () => handCheckWin(invalid),
  });
  const row = (label: string, key: string) => [
    label,
    fmtSpread(ns[`${key} valid`]!, 0),
    fmtSpread(ns[`${key} invalid`]!, 0),
    `${fmt(ns[`${key} valid`]!.median / ns['shipped valid']!.median, 2)}×`,
  ];
  const shippedIsFastestGeneric = ns['shipped valid']!.median <= ns['runtime valid']!.median;
  return {
    title,
    what:
      'One `win` request (the vendor example, already parsed) validated in process, valid and with `amount: -1`. ' +
      'ns per call, mean of each mitata round.',
    rerun,
    tables: [
      {
        header: ['validator', 'valid ns/call', 'invalid ns/call', 'valid, ÷ shipped'],
        rows: [
          row('shipped: `checkWalletRequest` (ajv standalone, ahead of time, discriminator on `action`)', 'shipped'),
          row('ajv compiled at run time from the @hey-api JSON schemas (`oneOf`, allErrors)', 'runtime'),
          row('hand-written check of the `win` shape (required fields only; not a full validator)', 'hand'),
        ],
      },
    ],
    goals: [],
    notes: [
      shippedIsFastestGeneric
        ? 'The shipped validator is the faster of the two full validators, so it stays.'
        : 'The run-time ajv was faster than the shipped one in this run; the shipped one is kept because it needs no `eval`/`new Function` at run time (Workers forbid it) and no ajv dependency.',
      'The hand-written check is the floor of what checking the shape costs; it does not cover the optional objects, ' +
        'the other four actions or the error messages, and would have to be kept in step with the spec by hand. ' +
        'zod is not installed in this repository (no new dependency may be added), so zod-from-hey-api was not measured.',
    ],
  };
}
