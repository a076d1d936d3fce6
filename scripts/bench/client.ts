/**
 * Section 4: `wallet.win()` calls per second against the bare server, versus a loop of
 * raw `fetch` + `createHmac` doing the same call. Both run here, with the same number
 * of calls in flight; the server runs in its own process.
 */
import type { BenchConfig } from './config.ts';
import { fixLines } from './fixes.ts';
import { benchSecret, signBody, winRequest } from './fixtures.ts';
import { type ClientPackage, loadPackage } from './packages.ts';
import { hotspotLines, profileInProcess } from './profile.ts';
import { type Goal, met, notMeasured, type Section } from './section.ts';
import { startServer } from './server-process.ts';
import { alternate, fmtSpread, spread } from './stats.ts';

const title = '4. Client';
const rerun = 'npm run build && npx tsx scripts/bench/run.ts client';

/** Runs `call` from `concurrency` loops until the time is up (or `amount` calls); returns calls/s. */
async function callsPerSecond(call: () => Promise<unknown>, concurrency: number, seconds: number, amount?: number) {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let done = 0;
  const loop = async () => {
    while (amount === undefined ? performance.now() < deadline : done < amount) {
      await call();
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return done / ((performance.now() - started) / 1000);
}

/** Runs section 4. */
export async function client(config: BenchConfig): Promise<Section> {
  const pkg = await loadPackage<ClientPackage>('client', ['createWalletClient']);
  if (!pkg.ok) return notMeasured(title, rerun, pkg.why);
  const server = await startServer('bare');
  try {
    const wallet = pkg.mod.createWalletClient({ baseUrl: server.url, secret: benchSecret });
    const { action: _action, ...input } = winRequest();
    const raw = async () => {
      const body = JSON.stringify(winRequest());
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-sign': signBody(body) },
        body,
      });
      if (response.status !== 200) throw new Error(`the bare server answered ${response.status}`);
      return response.json();
    };
    const concurrency = config.smoke ? 4 : 16;
    const amount = config.smoke ? 200 : undefined;
    const rounds = await alternate(
      config.rounds,
      () => callsPerSecond(raw, concurrency, config.seconds, amount),
      () => callsPerSecond(() => wallet.win(input), concurrency, config.seconds, amount),
      !config.smoke,
    );
    const base = spread(rounds.baseline);
    const sub = spread(rounds.subject);
    const goals: Goal[] = [
      {
        name: 'calls/s, `wallet.win()` ÷ raw fetch',
        value: sub.median / base.median,
        target: 0.8,
        kind: 'at-least',
        unit: '×',
      },
    ];
    const notes: string[] = [];
    if (!config.smoke && !goals.every(met)) {
      const spots = await profileInProcess(async () => {
        await callsPerSecond(() => wallet.win(input), concurrency, config.seconds);
      });
      notes.push(
        'Goal missed. Self time of this process during one round of `wallet.win()` (V8 CPU profile, as `--cpu-prof`):',
      );
      notes.push(...hotspotLines(spots), ...fixLines(spots));
    }
    return {
      title,
      what:
        `The vendor's \`win\` example sent to the bare \`node:http\` server with ${concurrency} calls in flight, ` +
        `${config.seconds} s per round: through \`createWalletClient(...).win()\` (default options: timeout, retry ` +
        'policy, response checked against the spec) versus `JSON.stringify` + `createHmac` + global `fetch` + `response.json()`.',
      rerun,
      tables: [
        {
          header: ['caller', 'calls/s'],
          rows: [
            ['raw fetch + createHmac', fmtSpread(base)],
            ['`wallet.win()`', fmtSpread(sub)],
          ],
        },
      ],
      goals,
      notes,
    };
  } finally {
    await server.stop();
  }
}
