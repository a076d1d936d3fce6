/**
 * The console as `tbb-wallet sandbox` serves it (the BUILT CLI): the start-up link carries
 * the token that opens it, and on the embedded ledger (`--database pglite`) the players
 * panel does what the ledger's cashier API does and says what it does not (418, 405).
 */
import { createWalletClient } from '@tbb-wallet/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SandboxProcess } from './cli-process.ts';
import { assertBuilt, startSandbox } from './cli-process.ts';
import { betOf, winOf } from './console-serve.ts';

const secret = 'console-cli-secret';
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let sandbox: SandboxProcess;
let link: URL;
beforeAll(async () => {
  assertBuilt();
  sandbox = await startSandbox(['--secret', secret, '--database', 'pglite']);
  await vi.waitUntil(() => /console: (\S+)/.test(sandbox.output()), { timeout: 30_000, interval: 20 });
  link = new URL(/console: (\S+)/.exec(sandbox.output())![1]!);
});
afterAll(() => sandbox?.stop());

const action = (name: string, body: unknown, token = link.searchParams.get('token')!) =>
  fetch(new URL(`/console/api/${name}`, link), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-console-token': token },
    body: JSON.stringify(body),
  });

describe('tbb-wallet sandbox --database pglite', () => {
  it('prints a link to 127.0.0.1 whose token opens the page, and never prints the secret', async () => {
    expect(link.host).toBe(new URL(sandbox.url).host);
    expect(link.hostname).toBe('127.0.0.1');
    expect(link.searchParams.get('token')).toMatch(/^[\w-]{43}$/);
    expect((await fetch(new URL('/', link))).status).toBe(401);
    const redirected = await fetch(link, { redirect: 'manual' });
    expect(redirected.status).toBe(303);
    const cookie = redirected.headers.get('set-cookie')!.split(';')[0]!;
    const opened = await fetch(new URL('/', link), { headers: { cookie } });
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('tbb-wallet sandbox console');
    expect(sandbox.output()).not.toContain(secret);
  });

  it('creates, deposits, withdraws and blocks through the ledger; the next bet answers 407', async () => {
    const created = await action('player/create', { player_id: 'cli-1', currency_code: 'EUR', balance: 1000 });
    expect(await created.json()).toMatchObject({ player_id: 'cli-1', balance: 1000, blocked: false });
    expect(
      await (await action('player/deposit', { player_id: 'cli-1', amount: 500, key: 'd-1' })).json(),
    ).toMatchObject({ balance: 1500 });
    // The same key again moves nothing (the ledger's idempotent cashier).
    expect(
      await (await action('player/deposit', { player_id: 'cli-1', amount: 500, key: 'd-1' })).json(),
    ).toMatchObject({ balance: 1500 });
    const over = await action('player/withdraw', { player_id: 'cli-1', amount: 5000, key: 'w-1' });
    expect(over.status).toBe(409);
    expect((await over.json()).error).toContain('does not have enough money');
    expect(await (await action('player/change', { player_id: 'cli-1', blocked: true })).json()).toMatchObject({
      blocked: true,
    });
    const client = createWalletClient({ baseUrl: sandbox.url, secret, retry: { attempts: 1 } });
    await expect(client.bet(betOf('cli-1', 100))).rejects.toMatchObject({ status: 407 });
    expect((await client.win(winOf('cli-1', 1))).balance).toBe(1501);
  });

  it('says the ledger has no 418 or 405, and lists no such switches', async () => {
    const refused = await action('player/change', { player_id: 'cli-1', limit_reached: true });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toContain('no responsible-gaming limit (418) or unavailable game (405)');
    const state = await (await action('state', {})).json();
    expect(state.refusals).toBe(false);
    expect(state.players).toEqual([{ player_id: 'cli-1', currency_code: 'EUR', balance: 1501, blocked: true }]);
  });

  it('a wrong token is refused and changes nothing', async () => {
    const wrong = await action('player/change', { player_id: 'cli-1', blocked: false }, 'x'.repeat(43));
    expect(wrong.status).toBe(401);
    const state = await (await action('state', {})).json();
    expect(state.players[0]).toMatchObject({ blocked: true });
  });
});
