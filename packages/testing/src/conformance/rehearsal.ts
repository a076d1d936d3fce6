/**
 * What a run will move, found by playing the same scenarios first against an in-memory
 * sandbox that starts with the real player's balance (no network, nothing real moves).
 */
import { createWalletHandler } from '@tbb-wallet/handler';
import { createSandboxWallet } from '../sandbox/sandbox-wallet.ts';
import type { SandboxPlayer } from '../sandbox/types.ts';
import { newRun, play } from './play-scenario.ts';
import type { GroupedScenario } from './scenarios.ts';
import type { ConformanceOptions, ConformancePlan } from './types.ts';

/** The debits and credits `scenarios` make on a conforming wallet whose player holds `openingBalance`. */
export async function rehearse(
  scenarios: readonly GroupedScenario[],
  options: ConformanceOptions,
  player: { player_id: string; currency_code: string },
  openingBalance: number,
): Promise<ConformancePlan> {
  const players: SandboxPlayer[] = [{ ...player, balance: openingBalance }];
  const blocked = options.blockedPlayer;
  if (blocked && blocked.player_id !== player.player_id) {
    players.push({
      player_id: blocked.player_id,
      currency_code: blocked.currency_code ?? 'EUR',
      balance: 0,
      blocked: true,
    });
  }
  const sandbox = createSandboxWallet({ players });
  const handle = createWalletHandler({ secret: options.secret, wallet: sandbox });
  const run = newRun({
    url: 'http://rehearsal.invalid/wallet',
    options: { ...options, fetch: undefined, onExchange: undefined },
    transport: handle,
    player,
    own: { record: () => {} },
  });
  run.balance = openingBalance;
  for (const scenario of scenarios) await play(run, scenario);
  const moves = sandbox.ledger.entries().filter((entry) => entry.playerId === player.player_id);
  const debits = moves.reduce((sum, entry) => sum + Math.max(0, -entry.movement), 0);
  const credits = moves.reduce((sum, entry) => sum + Math.max(0, entry.movement), 0);
  return { player, openingBalance, debits, credits, scenarios: scenarios.length };
}
