/**
 * Signatures: the wallet checks X-REQUEST-SIGN over the exact raw body bytes.
 * @see WALLET-PROTOCOL.md §2
 */
import { sign } from '@tbb-wallet/core';
import type { Probe, Scenario } from '../probe.ts';

/** A correctly signed balance body. */
function balanceBody(p: Probe): string {
  return JSON.stringify(p.request('balance'));
}

/** A refused bet must not move money: read the balance back. */
async function refusedBet(p: Probe, signature: (body: string) => Promise<string | null>, label: string) {
  const body = JSON.stringify(p.request('bet', { id: p.id(), amount: 100 }));
  p.refused(await p.post(body, label, { signature: await signature(body) }), 403);
  await p.balanceIsTracked();
}

export const signatureScenarios: Scenario[] = [
  {
    id: 'signatures.valid',
    title: 'a correctly signed balance call is answered 200',
    run: async (p) => {
      p.accepted(await p.post(balanceBody(p), 'balance, signed'));
    },
  },
  {
    id: 'signatures.missing',
    title: 'a bet without X-REQUEST-SIGN is refused 403 and not debited',
    run: (p) => refusedBet(p, async () => null, 'bet 100 without a signature'),
  },
  {
    id: 'signatures.empty',
    title: 'an empty X-REQUEST-SIGN is refused 403',
    run: async (p) => p.refused(await p.post(balanceBody(p), 'balance, empty signature', { signature: '' }), 403),
  },
  {
    id: 'signatures.wrong-secret',
    title: 'a bet signed with another secret is refused 403 and not debited',
    run: (p) => refusedBet(p, (body) => sign(body, `not-${p.run.secret}`), 'bet 100 signed with another secret'),
  },
  {
    id: 'signatures.tampered',
    title: 'a bet whose amount was changed after signing is refused 403 and not debited',
    run: async (p) => {
      const request = p.request('bet', { id: p.id(), amount: 100 });
      const signature = await sign(JSON.stringify(request), p.run.secret);
      const tampered = JSON.stringify({ ...request, amount: 1 });
      p.refused(await p.post(tampered, 'bet signed for 100, sent as 1', { signature }), 403);
      await p.balanceIsTracked();
    },
  },
  {
    id: 'signatures.reserialised',
    title: 'a bet signed over one spelling of its JSON and sent re-serialised is refused 403 and not debited',
    run: async (p) => {
      const request = p.request('bet', { id: p.id(), amount: 100 });
      const signature = await sign(JSON.stringify(request, null, 2), p.run.secret);
      p.refused(await p.post(JSON.stringify(request), 'bet signed pretty-printed, sent compact', { signature }), 403);
      await p.balanceIsTracked();
    },
  },
  {
    id: 'signatures.malformed',
    title: 'a signature that is not 64 hex digits is refused 403',
    run: async (p) => {
      const body = balanceBody(p);
      const good = await sign(body, p.run.secret);
      for (const [label, signature] of [
        ['63 hex digits', good.slice(0, 63)],
        ['not hex', `z${good.slice(1)}`],
        ['65 hex digits', `${good}0`],
      ] as const) {
        p.refused(await p.post(body, `balance, signature ${label}`, { signature }), 403);
      }
    },
  },
  {
    id: 'signatures.exact-bytes',
    title: 'an unusually spaced, reordered body signed over its exact bytes is accepted (no re-serialising)',
    run: async (p) => {
      const { player_id, currency_code } = p.run.player;
      const body = `{ "session_token" : "s-1",\n  "action":"balance", "reference":"Monkey", "is_mobile" : false,\n  "currency_code":${JSON.stringify(currency_code)},"player_id":  ${JSON.stringify(player_id)} }`;
      p.accepted(await p.post(body, 'balance with odd spacing and key order'));
    },
  },
  {
    id: 'signatures.uppercase',
    title: 'an uppercase hex signature is accepted',
    run: async (p) => {
      const body = balanceBody(p);
      const signature = (await sign(body, p.run.secret)).toUpperCase();
      p.accepted(await p.post(body, 'balance, uppercase signature', { signature }));
    },
  },
];
