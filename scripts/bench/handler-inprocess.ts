/**
 * Section 2: the handler in process. `handleWalletCall` (raw bytes in, answer out)
 * versus the minimal verify + parse + stringify function, and the Web `handle(Request)`
 * path, so the cost of building a `Request` and reading a `Response` is visible.
 */

import { minimalCall } from './bare-server.ts';
import type { BenchConfig } from './config.ts';
import { constantWallet } from './constant-wallet.ts';
import { fixLines } from './fixes.ts';
import { benchSecret, signedWin } from './fixtures.ts';
import { microRounds } from './micro.ts';
import { type HandlerPackage, loadPackage } from './packages.ts';
import { hotspotLines, profileInProcess } from './profile.ts';
import { type Goal, met, notMeasured, type Section } from './section.ts';
import { fmt, fmtSpread } from './stats.ts';

const title = '2. Handler in process';
const rerun = 'npm run build && npx tsx scripts/bench/run.ts handler-inprocess';

/** Runs section 2. */
export async function handlerInProcess(config: BenchConfig): Promise<Section> {
  const handler = await loadPackage<HandlerPackage>('handler', ['createWalletHandler']);
  if (!handler.ok) return notMeasured(title, rerun, handler.why);
  const handle = handler.mod.createWalletHandler({ secret: benchSecret, wallet: constantWallet });
  const raw = { body: new Uint8Array(signedWin.bytes), signature: signedWin.signature, method: 'POST' };
  const headers = { 'content-type': 'application/json', 'x-request-sign': signedWin.signature };
  const viaRequest = async () => {
    const response = await handle(
      new Request('http://127.0.0.1/wallet', { method: 'POST', headers, body: signedWin.body }),
    );
    return response.text();
  };
  const check = await handle.handleWalletCall(raw);
  if (
    check.status !== 200 ||
    (await handle(new Request('http://127.0.0.1/wallet', { method: 'POST', headers, body: signedWin.body }))).status !==
      200
  )
    throw new Error(`the handler did not answer 200 to the bench's signed win (${check.status} ${check.body})`);
  if (minimalCall(signedWin.bytes, signedWin.signature) === undefined)
    throw new Error('the minimal function refused the win');
  const ns = await microRounds(config, {
    minimal: () => minimalCall(signedWin.bytes, signedWin.signature),
    handleWalletCall: () => handle.handleWalletCall(raw),
    request: viaRequest,
  });
  const us = (key: string) =>
    fmtSpread({ ...ns[key]!, median: ns[key]!.median / 1000, min: ns[key]!.min / 1000, max: ns[key]!.max / 1000 }, 2);
  const ratio = (key: string) => `${fmt(ns[key]!.median / ns.minimal!.median, 2)}×`;
  const goals: Goal[] = [
    {
      name: 'µs per call, handleWalletCall ÷ minimal',
      value: ns.handleWalletCall!.median / ns.minimal!.median,
      target: 2,
      kind: 'at-most',
      unit: '×',
    },
  ];
  const notes: string[] = [];
  if (!config.smoke && !goals.every(met)) {
    const spots = await profileInProcess(async () => {
      for (let i = 0; i < 100_000; i++) await handle.handleWalletCall(raw);
    });
    notes.push('Goal missed. Self time of 100,000 `handleWalletCall` calls (V8 CPU profile, as `--cpu-prof`):');
    notes.push(...hotspotLines(spots), ...fixLines(spots));
  }
  return {
    title,
    what:
      'The signed `win` handled in process with a constant wallet; µs per call (mean of each mitata round). The ' +
      'minimal function is synchronous: `createHmac` + `timingSafeEqual`, `JSON.parse`, `JSON.stringify`.',
    rerun,
    tables: [
      {
        header: ['path', 'µs/call', '÷ minimal'],
        rows: [
          ['minimal verify + parse + stringify', us('minimal'), '1.00×'],
          ['`handle.handleWalletCall({ body, signature, method })`', us('handleWalletCall'), ratio('handleWalletCall')],
          ['`handle(new Request(…))` + `response.text()`', us('request'), ratio('request')],
        ],
      },
    ],
    goals,
    notes,
  };
}
