/**
 * Input no database can store is refused for good: a lone surrogate or U+0000 in a
 * value or a key, an identifier over 255 characters, a session_token over 2048. Each
 * is answered 400 (never a retryable 500) and moves nothing.
 * @see WALLET-PROTOCOL.md §6
 */
import type { Probe, Scenario } from '../probe.ts';

type Transfer = Record<string, unknown>;
type Body = Record<string, unknown> & { payload: Record<string, unknown> & { provider_transfer_data: Transfer } };

/** A signed `action` body changed by `change` must be refused 400, and the balance must not move. */
function unstorable(
  id: string,
  title: string,
  change: (body: Body, transfer: Transfer) => void,
  action: 'bet' | 'refund' | 'rollback-win' = 'bet',
): Scenario {
  return {
    id: `validation.unstorable-${id}`,
    title: `${title} → 400, nothing moves`,
    run: async (p: Probe) => {
      const body = structuredClone(p.request(action, { id: p.id(), amount: 100, original: p.id() })) as unknown as Body;
      change(body, body.payload.provider_transfer_data);
      // JSON.stringify writes a lone surrogate as its \u escape: the bytes a provider would send.
      p.refused(await p.post(JSON.stringify(body), `${action} with ${title}`), 400);
      await p.balanceIsTracked();
    },
  };
}

const long = (length: number) => 'x'.repeat(length);

export const unstorableScenarios: Scenario[] = [
  unstorable('surrogate-value', 'a lone surrogate in transaction_id ("\\ud800")', (_, t) => {
    t.transaction_id = `ls-\ud800-${String(t.transaction_id)}`;
  }),
  unstorable('surrogate-key', 'a lone surrogate in a key ("\\udc00")', (b) => {
    b['field-\udc00'] = 'x';
  }),
  unstorable('nul-transaction-id', 'U+0000 in transaction_id', (_, t) => {
    t.transaction_id = `${String(t.transaction_id)}\u0000`;
  }),
  unstorable('nul-player-id', 'U+0000 in player_id', (b) => {
    b.player_id = `${String(b.player_id)}\u0000`;
  }),
  unstorable('nul-round-id', 'U+0000 in round_id', (_, t) => {
    t.round_id = `${String(t.round_id)}\u0000`;
  }),
  unstorable('long-player-id', 'a player_id of 256 characters', (b) => {
    b.player_id = long(256);
  }),
  unstorable('long-transaction-id', 'a transaction_id of 256 characters', (_, t) => {
    t.transaction_id = long(256);
  }),
  unstorable('long-round-id', 'a round_id of 256 characters', (_, t) => {
    t.round_id = long(256);
  }),
  unstorable('long-table-reference', 'a table_reference of 256 characters', (_, t) => {
    t.table_reference = long(256);
  }),
  unstorable('long-reference', 'a reference of 256 characters', (b) => {
    b.payload.reference = long(256);
  }),
  unstorable(
    'long-refunded-transaction-id',
    'a refunded_transaction_id of 256 characters',
    (_, t) => {
      t.refunded_transaction_id = long(256);
    },
    'refund',
  ),
  unstorable(
    'long-rollback-win-transaction-id',
    'a rollback_win_transaction_id of 256 characters',
    (_, t) => {
      t.rollback_win_transaction_id = long(256);
    },
    'rollback-win',
  ),
  unstorable('long-session-token', 'a session_token of 2049 characters', (b) => {
    b.payload.session_token = long(2049);
  }),
];
