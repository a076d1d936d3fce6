/**
 * Test helper: the sandbox as `tbb-wallet sandbox` serves it (wallet, faults, console), in
 * process on 127.0.0.1, with a client that keeps the exact bytes of every request it sent.
 */
import { randomUUID } from 'node:crypto';
import type { BetInput, WalletRequestEvent, WinInput } from '@tbb-wallet/client';
import { createWalletClient } from '@tbb-wallet/client';
import type { RunningWallet } from '../src/cli/serve.ts';
import { serveWallet } from '../src/cli/serve.ts';
import { sandboxControls } from '../src/console/player-controls.ts';
import type { Faults, SandboxWallet } from '../src/index.ts';
import { createFaults, createSandboxWallet } from '../src/index.ts';

export const consoleSecret = 'console-secret-never-shown';

/** A served sandbox with its console. */
export interface ConsoleSandbox {
  server: RunningWallet;
  wallet: SandboxWallet;
  faults: Faults;
  token: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** The requests the client sent, in order. */
  sent: WalletRequestEvent[];
  client: ReturnType<typeof createWalletClient>;
}

export async function serveConsoleSandbox(): Promise<ConsoleSandbox> {
  const wallet = createSandboxWallet();
  const faults = createFaults();
  const token = `test-token-${randomUUID()}`;
  const server = await serveWallet({
    wallet,
    secret: consoleSecret,
    port: 0,
    host: '127.0.0.1',
    faults,
    log: { balanceOf: async (id) => wallet.ledger.balanceOf(id), onCall: () => {} },
    console: { token, controls: sandboxControls(wallet), description: 'in-memory sandbox (test)' },
  });
  const sent: WalletRequestEvent[] = [];
  const client = createWalletClient({
    baseUrl: server.url,
    secret: consoleSecret,
    timeoutMs: 5000,
    retry: { attempts: 1 },
    onRequest: (event) => sent.push(event),
  });
  return { server, wallet, faults, token, origin: new URL(server.url).origin, sent, client };
}

const game = { reference: 'barbarabang::MadMonkey', session_token: 'session-1' };

export const winOf = (player: string, amount: number): WinInput => ({
  player_id: player,
  currency_code: 'EUR',
  is_mobile: false,
  amount,
  payload: {
    ...game,
    provider_transfer_data: { transaction_id: randomUUID(), round_id: randomUUID(), round_close: true },
  },
});

export const betOf = (player: string, amount: number): BetInput => ({
  player_id: player,
  currency_code: 'EUR',
  is_mobile: false,
  amount,
  payload: { ...game, provider_transfer_data: { transaction_id: randomUUID(), round_id: randomUUID() } },
});
