/**
 * The sandbox's faults, each observed by the real client over HTTP, switched while the
 * sandbox serves through the `createFaults` object; and the spec syntax of `--faults`.
 */
import { randomUUID } from 'node:crypto';
import type { WinInput } from '@tbb-wallet/client';
import {
  createWalletClient,
  ServiceUnavailableError,
  WalletConnectionError,
  WalletTimeoutError,
} from '@tbb-wallet/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningWallet } from '../src/cli/serve.ts';
import { serveWallet } from '../src/cli/serve.ts';
import type { FaultKind, SandboxWallet } from '../src/index.ts';
import { createFaults, createSandboxWallet, parseFaults } from '../src/index.ts';

const secret = 'faults-secret';
const faults = createFaults();
const seen: FaultKind[] = [];
let wallet: SandboxWallet;
let server: RunningWallet;

beforeAll(async () => {
  wallet = createSandboxWallet();
  server = await serveWallet({
    wallet,
    secret,
    port: 0,
    host: '127.0.0.1',
    faults,
    onFault: (kind) => seen.push(kind),
  });
});
afterAll(() => server.close());

const client = (timeoutMs = 2000) =>
  createWalletClient({ baseUrl: server.url, secret, timeoutMs, retry: { attempts: 1 } });
const winOf = (player: string, amount: number): WinInput => ({
  player_id: player,
  currency_code: 'EUR',
  is_mobile: false,
  amount,
  payload: {
    reference: 'barbarabang::MadMonkey',
    session_token: 's',
    provider_transfer_data: { transaction_id: randomUUID(), round_id: randomUUID(), round_close: true },
  },
});
const balanceOf = async (player: string) =>
  (
    await client().balance({
      player_id: player,
      currency_code: 'EUR',
      is_mobile: false,
      reference: 'barbarabang::MadMonkey',
      session_token: 's',
    })
  ).balance;

describe('sandbox faults, seen by a client', () => {
  it('503: the call is answered 503 and nothing is recorded', async () => {
    const before = await balanceOf('f-503');
    faults.set({ unavailable: 1 });
    await expect(client().win(winOf('f-503', 10))).rejects.toThrow(ServiceUnavailableError);
    faults.clear();
    expect(await balanceOf('f-503')).toBe(before);
    expect(seen).toContain('unavailable');
  });

  it('drop: the win is committed, the connection closed unanswered; the same win again is not credited twice', async () => {
    const before = await balanceOf('f-drop');
    const win = winOf('f-drop', 25);
    faults.set({ drop: 1 });
    await expect(client().win(win)).rejects.toThrow(WalletConnectionError);
    faults.clear();
    expect(await balanceOf('f-drop')).toBe(before + 25);
    expect((await client().win(win)).balance).toBe(before + 25);
    expect(await balanceOf('f-drop')).toBe(before + 25);
  });

  it('delay: the answer comes after the client gave up; the win was committed', async () => {
    const before = await balanceOf('f-delay');
    faults.set({ delay: 1, delayMs: 1500 });
    await expect(client(200).win(winOf('f-delay', 5))).rejects.toThrow(WalletTimeoutError);
    faults.clear();
    expect(await balanceOf('f-delay')).toBe(before + 5);
  });

  it('down: every connection is closed unread until it is brought back up', async () => {
    const before = await balanceOf('f-down');
    faults.down(60_000);
    expect(faults.describe()).toMatch(/^down=\d+s$/);
    await expect(client().win(winOf('f-down', 7))).rejects.toThrow(WalletConnectionError);
    faults.down(0);
    expect(faults.describe()).toBe('none');
    expect(await balanceOf('f-down')).toBe(before);
    expect(seen).toContain('down');
  });
});

describe('the --faults spec', () => {
  it.each<[string, Partial<ReturnType<typeof parseFaults>>]>([
    ['none', { unavailable: 0, drop: 0, delay: 0, downUntil: 0 }],
    ['503=30%', { unavailable: 0.3 }],
    ['503=0.25,drop=10%', { unavailable: 0.25, drop: 0.1 }],
    ['delay=10%:6s', { delay: 0.1, delayMs: 6000 }],
    ['delay=1:250ms', { delay: 1, delayMs: 250 }],
    ['down=20s', { downUntil: 1000 + 20_000 }],
    [' drop=5% , down=1500 ', { drop: 0.05, downUntil: 1000 + 1500 }],
  ])('%s', (spec, want) => {
    expect(parseFaults(spec, 1000)).toMatchObject(want);
  });

  it.each([
    ['bogus=1', /unknown fault/],
    ['503=150%', /a share is 0% to 100%/],
    ['503=abc', /a share/],
    ['delay=10%', /a duration/],
    ['down=soon', /a duration/],
    ['503=60%,drop=50%', /add up to more than 100%/],
  ])('%s is refused with the syntax', (spec, message) => {
    expect(() => parseFaults(spec)).toThrow(message);
    expect(() => parseFaults(spec)).toThrow(/--faults "503=30%/);
  });
});
