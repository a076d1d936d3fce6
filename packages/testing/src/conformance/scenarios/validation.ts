/**
 * Validation: every malformed field is answered 400 with the vendor's message and
 * moves nothing, and so does a key sent twice (parsers disagree on which one counts);
 * unknown fields are accepted; a numeric player_id is its string.
 * @see WALLET-PROTOCOL.md §2, §5 and §6
 */
import type { Probe, Scenario } from '../probe.ts';

type Body = Record<string, unknown> & { payload: { provider_transfer_data: Record<string, unknown> } };

/** A bet (or `action`) body changed by `mutate`, signed correctly, must be refused 400 and not debited. */
function malformed(
  id: string,
  title: string,
  mutate: (body: Body) => void,
  action: 'bet' | 'win' | 'refund' | 'rollback-win' = 'bet',
): Scenario {
  return {
    id: `validation.${id}`,
    title: `${title} → 400, nothing moves`,
    run: async (p: Probe) => {
      const body = structuredClone(p.request(action, { id: p.id(), amount: 100, original: p.id() })) as unknown as Body;
      mutate(body);
      p.refused(await p.post(JSON.stringify(body), `${action} with ${title}`), 400);
      await p.balanceIsTracked();
    },
  };
}

const transfer = (body: Body) => body.payload.provider_transfer_data;

/** A bet whose `"amount":100` is written as `twice` (the key sent twice) must be refused 400 and not debited. */
function repeatedKey(id: string, twice: string): Scenario {
  return {
    id: `validation.${id}`,
    title: `a bet with its amount sent twice (${twice}) → 400, nothing moves`,
    run: async (p: Probe) => {
      const text = JSON.stringify(p.request('bet', { id: p.id(), amount: 100 })).replace('"amount":100', twice);
      p.refused(await p.post(text, `bet with ${twice}`), 400);
      await p.balanceIsTracked();
    },
  };
}

export const validationScenarios: Scenario[] = [
  {
    id: 'validation.not-json',
    title: 'a body that is not JSON → 400',
    run: async (p) => p.refused(await p.post('{"action":"balance",', 'a truncated JSON body'), 400),
  },
  malformed('unknown-action', 'an unknown action "jackpot"', (b) => {
    b.action = 'jackpot';
  }),
  malformed('missing-action', 'no action', (b) => {
    delete b.action;
  }),
  malformed('missing-player', 'no player_id', (b) => {
    delete b.player_id;
  }),
  malformed('missing-currency', 'no currency_code', (b) => {
    delete b.currency_code;
  }),
  malformed('is-mobile-type', 'is_mobile as a string', (b) => {
    b.is_mobile = 'no';
  }),
  malformed('negative-amount', 'a negative amount', (b) => {
    b.amount = -100;
  }),
  malformed('fractional-amount', 'a fractional amount', (b) => {
    b.amount = 1.5;
  }),
  malformed('string-amount', 'the amount as a string', (b) => {
    b.amount = '100';
  }),
  malformed('huge-amount', 'an amount above 2^53-1', (b) => {
    b.amount = 2 ** 54;
  }),
  malformed('missing-payload', 'no payload', (b) => {
    delete (b as Record<string, unknown>).payload;
  }),
  malformed('missing-transaction-id', 'no transaction_id', (b) => {
    delete transfer(b).transaction_id;
  }),
  malformed('missing-round-id', 'no round_id', (b) => {
    delete transfer(b).round_id;
  }),
  malformed(
    'win-missing-round-close',
    'a win without round_close',
    (b) => {
      delete transfer(b).round_close;
    },
    'win',
  ),
  malformed(
    'refund-missing-original',
    'a refund without refunded_transaction_id',
    (b) => {
      delete transfer(b).refunded_transaction_id;
    },
    'refund',
  ),
  malformed(
    'rollback-missing-original',
    'a rollback-win without rollback_win_transaction_id',
    (b) => {
      delete transfer(b).rollback_win_transaction_id;
    },
    'rollback-win',
  ),
  repeatedKey('duplicate-key', '"amount":1,"amount":100'),
  repeatedKey('duplicate-key-escaped', '"amount":100,"\\u0061mount":1'),
  {
    id: 'validation.method',
    title: 'a GET is answered 405 with Allow: POST',
    run: async (p) => {
      const answer = await p.post('', 'GET of the wallet URL', { method: 'GET' });
      p.refused(answer, 405, null);
      const allow = answer.headers?.get('allow') ?? '';
      p.check(allow.toUpperCase().includes('POST'), 'Allow: POST', `Allow: ${allow || '(none)'}`);
    },
  },
  {
    id: 'validation.unknown-fields',
    title: 'unknown fields are accepted (the vendor may add fields at any time)',
    run: async (p) => {
      const body = { ...p.request('balance'), brand_new_field: { nested: [1, 2] } };
      p.accepted(await p.post(JSON.stringify(body), 'balance with an unknown field'));
    },
  },
  {
    id: 'validation.numeric-player-id',
    title: 'a player_id sent as a JSON number is the same player as its decimal string',
    run: async (p) => {
      const { player_id } = p.run.player;
      if (!/^[1-9]\d{0,14}$/.test(player_id)) {
        p.skip(`needs a player whose id is all digits (the run's player is ${player_id})`);
      }
      const body = { ...p.request('balance'), player_id: Number(player_id) };
      const answer = await p.post(JSON.stringify(body), `balance with player_id ${player_id} as a number`);
      p.accepted(answer);
      const got = answer.body as { player_id?: unknown; balance?: unknown };
      p.check(
        got.player_id === player_id && got.balance === p.run.balance,
        `player_id "${player_id}" balance=${p.run.balance}`,
        `player_id ${JSON.stringify(got.player_id)} balance=${String(got.balance)}`,
      );
    },
  },
];
