/** The provider side: `wallet.win()` against undici, raw `node:http` and `fetch` + HMAC, at 16 and 64 in flight. */
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { json } from 'node:stream/consumers';
import { createWalletClient } from '@tbb-wallet/client';
import { Pool } from 'undici';
import { benchSecret, signedPost, winRequest } from './fixtures.ts';
import { alternate, type Config, callsPerSecond, type RatioRow, type Sample, startServer } from './measure.ts';
import { type Section, sampleTable } from './report.ts';

const labels: Record<string, string> = {
  undici: 'undici `Pool.request` + `body.json()`',
  http: 'raw `node:http` keep-alive `request` + `JSON.parse`',
  win: '`wallet.win()`, default transport',
  fetch: 'global `fetch` + `response.json()`',
  winFetch: '`wallet.win()` with `fetch: globalThis.fetch`',
};
const inFlight = [16, 64].flatMap((n) => ['undici', 'http', 'win'].map((name) => [name, n] as const));
inFlight.push(['fetch', 16], ['winFetch', 16]);
const rows: RatioRow[] = [
  ['Client ×16: wallet.win() ÷ undici Pool.request', 'win ×16', 'undici ×16', 'perSecond', ['≥', 0.8]],
  ['Client ×16: wallet.win() ÷ raw node:http', 'win ×16', 'http ×16', 'perSecond'],
  ['Client ×64: wallet.win() ÷ undici Pool.request', 'win ×64', 'undici ×64', 'perSecond', ['≥', 0.8]],
  ['Client ×64: wallet.win() ÷ raw node:http', 'win ×64', 'http ×64', 'perSecond'],
  ['Client, fetch path ×16: wallet.win() ÷ fetch + HMAC', 'winFetch ×16', 'fetch ×16', 'perSecond', ['≥', 0.8]],
];

const signed = () => signedPost(winRequest());
const answered = <T>(status: number | undefined, read: () => T) => {
  if (status !== 200) throw new Error(`the bare server answered ${status}`);
  return read();
};

export async function client(config: Config): Promise<Section> {
  const server = await startServer('bare');
  const url = new URL(server.url);
  const [pool, agent] = [new Pool(url.origin), new Agent({ keepAlive: true })];
  const { action: _, ...input } = winRequest();
  const wallet = createWalletClient({ baseUrl: url, secret: benchSecret });
  const overFetch = createWalletClient({ baseUrl: url, secret: benchSecret, fetch: globalThis.fetch });
  const calls: Record<string, () => Promise<unknown>> = {
    undici: async () => {
      const { statusCode, body } = await pool.request({ path: url.pathname, method: 'POST', ...signed() });
      return answered(statusCode, () => body.json());
    },
    http: async () => {
      const { body, headers } = signed();
      const [response] = await once(request(url, { method: 'POST', agent, headers }).end(body), 'response');
      return answered(response.statusCode, () => json(response));
    },
    win: () => wallet.win(input),
    fetch: async () => {
      const response = await fetch(url, { method: 'POST', ...signed() });
      return answered(response.status, () => response.json());
    },
    winFetch: () => overFetch.win(input),
  };
  const candidates: Record<string, () => Promise<Sample>> = {};
  for (const [name, n] of inFlight) candidates[`${name} ×${n}`] = () => callsPerSecond(config, n, calls[name]!);
  try {
    await Promise.all(Object.values(calls).map((call) => call()));
    const { samples, ratios } = await alternate(config, candidates, rows);
    const named = inFlight.map(([name, n]) => [`${name} ×${n}`, `${labels[name]} (${n} in flight)`]);
    const table = sampleTable(samples, [['calls/s', 'perSecond', 0]], Object.fromEntries(named));
    return { title: 'Client', table, ratios };
  } finally {
    agent.destroy();
    await Promise.all([pool.close(), server.stop()]);
  }
}
