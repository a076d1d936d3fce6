/**
 * Section 1: the handler over HTTP (`toNodeListener(handle)`) versus the bare
 * `node:http` floor, both in their own process, loaded by autocannon in this one.
 */
import type { BenchConfig } from './config.ts';
import { fixLines } from './fixes.ts';
import { benchSecret, signedWin } from './fixtures.ts';
import { type LoadOptions, loadRound } from './http-load.ts';
import { type Hotspots, hotspotLines, profileDir } from './profile.ts';
import { type Goal, met, notMeasured, type Section } from './section.ts';
import type { ServerKind } from './serve.ts';
import { type ServerProcess, startServer } from './server-process.ts';
import { alternate, fmtSpread, spread } from './stats.ts';

const title = '1. Handler over HTTP';
const rerun = 'npm run build && npx tsx scripts/bench/run.ts handler-http';

function load(config: BenchConfig, url: string): LoadOptions {
  return {
    url,
    connections: config.connections,
    ...(config.smoke ? { amount: 300 } : { duration: config.seconds }),
    body: signedWin.body,
    headers: { 'x-request-sign': signedWin.signature },
  };
}

/** Profiles one kind of server under one round of load. */
export async function profileServer(
  kind: ServerKind,
  options: LoadOptions,
  env?: NodeJS.ProcessEnv,
): Promise<Hotspots> {
  const dir = await profileDir();
  try {
    const server = await startServer(kind, { nodeFlags: dir.flags, ...(env ? { env } : {}) });
    try {
      await loadRound({ ...options, url: server.url });
    } finally {
      await server.stop();
    }
    return await dir.read();
  } finally {
    await dir.remove();
  }
}

/** How each server frames its answer on the wire: a difference here shows up as `writev` time. */
async function answerFraming(): Promise<string[]> {
  const lines: string[] = [];
  for (const kind of ['bare', 'handler'] as const) {
    const server = await startServer(kind);
    try {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-sign': signedWin.signature },
        body: signedWin.body,
      });
      await response.arrayBuffer();
      const length = response.headers.get('content-length');
      const encoding = response.headers.get('transfer-encoding');
      lines.push(
        `- ${kind} answers with ${length ? `\`content-length: ${length}\`` : 'no `content-length`'}` +
          `${encoding ? `, \`transfer-encoding: ${encoding}\`` : ''}.`,
      );
    } finally {
      await server.stop();
    }
  }
  return lines;
}

/** Runs section 1. */
export async function handlerHttp(config: BenchConfig): Promise<Section> {
  let bare: ServerProcess | undefined;
  let subject: ServerProcess | undefined;
  try {
    bare = await startServer('bare');
    subject = await startServer('handler');
  } catch (error) {
    await Promise.all([bare?.stop(), subject?.stop()]);
    return notMeasured(title, rerun, (error as Error).message);
  }
  const rounds = await alternate(
    config.rounds,
    () => loadRound(load(config, bare!.url)),
    () => loadRound(load(config, subject!.url)),
    !config.smoke,
  ).finally(() => Promise.all([bare!.stop(), subject!.stop()]));
  const base = { rps: spread(rounds.baseline.map((r) => r.rps)), p99: spread(rounds.baseline.map((r) => r.p99)) };
  const sub = { rps: spread(rounds.subject.map((r) => r.rps)), p99: spread(rounds.subject.map((r) => r.p99)) };
  const p50 = (rs: { p50: number }[]) => spread(rs.map((r) => r.p50));
  const goals: Goal[] = [
    {
      name: 'requests/s, handler ÷ bare',
      value: sub.rps.median / base.rps.median,
      target: 0.85,
      kind: 'at-least',
      unit: '×',
    },
    {
      name: 'p99 latency, handler ÷ bare',
      value: sub.p99.median / base.p99.median,
      target: 1.25,
      kind: 'at-most',
      unit: '×',
    },
  ];
  const notes: string[] = [
    `autocannon, ${config.connections} connections, ${config.smoke ? '300 requests' : `${config.seconds} s`} per round, ` +
      `${config.rounds} round(s) per side alternated after a warm-up; every answer was a 200.`,
  ];
  if (!config.smoke && !goals.every(met)) {
    notes.push('Goal missed. Self time of each server process under one round of load (`node --cpu-prof`).');
    const spots = await profileServer('handler', load(config, ''));
    notes.push('- handler:', ...hotspotLines(spots));
    notes.push('- bare node:http, for comparison:', ...hotspotLines(await profileServer('bare', load(config, ''))));
    notes.push(...(await answerFraming()), ...fixLines(spots));
  }
  return {
    title,
    what:
      'A valid signed `win` (the vendor example) sent by autocannon to `toNodeListener(createWalletHandler(...))` ' +
      'with a wallet that answers a constant, versus a bare `node:http` server written in the bench that reads ' +
      'the body, checks the HMAC (`createHmac` + `timingSafeEqual`), `JSON.parse`s it and writes a JSON answer. ' +
      `Secret: a ${benchSecret.length}-character string.`,
    rerun,
    tables: [
      {
        header: ['server', 'requests/s', 'p50 ms', 'p99 ms'],
        rows: [
          ['bare node:http', fmtSpread(base.rps), fmtSpread(p50(rounds.baseline), 1), fmtSpread(base.p99, 1)],
          ['handler (toNodeListener)', fmtSpread(sub.rps), fmtSpread(p50(rounds.subject), 1), fmtSpread(sub.p99, 1)],
        ],
      },
    ],
    goals,
    notes,
  };
}
