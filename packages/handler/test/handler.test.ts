/**
 * The handler through its public entry, with real `Request`/`Response` objects: the
 * table of bad requests (each answered exactly, no callback run), accepted calls
 * (exact bytes, unknown fields, numeric player_id, context) and secret rotation.
 */
import { sign, walletActions } from '@tbb-wallet/core';
import { describe, expect, it } from 'vitest';
import type { WalletCallbacks } from '../src/index.ts';
import { createWalletHandler } from '../src/index.ts';
import { errorBody, recordingWallet, secret, signedCall, url, validRequests } from './support.ts';

const bad = 'Bad request. Badly formatted JSON.';
const forbidden = errorBody(403, "Forbidden. Request sign doesn't match.");
const bet = validRequests.bet;
const win = validRequests.win;

function without(value: Record<string, unknown>, path: string): Record<string, unknown> {
  const copy = structuredClone(value);
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  delete at[keys.at(-1)!];
  return copy;
}
function withField(value: Record<string, unknown>, path: string, field: unknown): Record<string, unknown> {
  const copy = structuredClone(value);
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys.at(-1)!] = field;
  return copy;
}
const schema = (issue: string) => ({ status: 400, body: errorBody(400, `${bad} ${issue}`) });

const required: [action: keyof typeof validRequests, path: string][] = [
  ['balance', 'player_id'],
  ['balance', 'currency_code'],
  ['balance', 'is_mobile'],
  ['balance', 'reference'],
  ['balance', 'session_token'],
  ['bet', 'amount'],
  ['bet', 'payload'],
  ['bet', 'payload.reference'],
  ['bet', 'payload.session_token'],
  ['bet', 'payload.provider_transfer_data'],
  ['bet', 'payload.provider_transfer_data.transaction_id'],
  ['bet', 'payload.provider_transfer_data.round_id'],
  ['win', 'payload.provider_transfer_data.round_close'],
  ['refund', 'payload.provider_transfer_data.refunded_transaction_id'],
  ['rollback-win', 'payload.provider_transfer_data.rollback_win_transaction_id'],
];

const wrongTypes: [path: string, value: unknown, issue: string][] = [
  ['player_id', true, 'player_id: must be string or integer'],
  ['player_id', 1.5, 'player_id: must be string or integer'],
  ['currency_code', 978, 'currency_code: must be string'],
  ['is_mobile', 'no', 'is_mobile: must be boolean'],
  ['amount', '100', 'amount: must be integer'],
  ['payload', 'x', 'payload: must be object'],
  ['payload.reference', 1, 'payload.reference: must be string'],
  ['payload.session_token', null, 'payload.session_token: must be string'],
  ['payload.provider_transfer_data', [], 'payload.provider_transfer_data: must be object'],
  ['payload.provider_transfer_data.transaction_id', 7, 'payload.provider_transfer_data.transaction_id: must be string'],
  ['payload.provider_transfer_data.round_id', false, 'payload.provider_transfer_data.round_id: must be string'],
];

type Row = [name: string, { given: () => Promise<Request>; want: { status: number; body: string } }];

const rows: Row[] = [
  ['no signature', { given: () => signedCall(bet, { signature: null }), want: { status: 403, body: forbidden } }],
  ['empty signature', { given: () => signedCall(bet, { signature: '' }), want: { status: 403, body: forbidden } }],
  [
    'non-hex signature',
    { given: () => signedCall(bet, { signature: 'z'.repeat(64) }), want: { status: 403, body: forbidden } },
  ],
  [
    'wrong secret',
    { given: () => signedCall(bet, { signWith: 'another-secret' }), want: { status: 403, body: forbidden } },
  ],
  [
    'signature of a re-serialised body',
    {
      given: async () =>
        signedCall(bet, { raw: JSON.stringify(bet, null, 2), signature: await sign(JSON.stringify(bet), secret) }),
      want: { status: 403, body: forbidden },
    },
  ],
  [
    'one flipped byte',
    {
      given: async () => {
        const raw = new TextEncoder().encode(JSON.stringify(bet));
        const signature = await sign(raw, secret);
        const flipped = raw.slice();
        flipped[flipped.indexOf(0x31)] = 0x32; // amount 100 → 200
        return signedCall(bet, { raw: flipped, signature });
      },
      want: { status: 403, body: forbidden },
    },
  ],
  ['empty body', { given: () => signedCall(undefined, { raw: '' }), want: { status: 400, body: errorBody(400, bad) } }],
  [
    'truncated JSON',
    {
      given: () => signedCall(bet, { raw: JSON.stringify(bet).slice(0, -3) }),
      want: { status: 400, body: errorBody(400, bad) },
    },
  ],
  ['JSON array', { given: () => signedCall([bet]), want: { status: 400, body: errorBody(400, bad) } }],
  ['JSON string', { given: () => signedCall('bet'), want: { status: 400, body: errorBody(400, bad) } }],
  ['JSON null', { given: () => signedCall(null), want: { status: 400, body: errorBody(400, bad) } }],
  [
    'invalid UTF-8',
    {
      given: () => signedCall(undefined, { raw: new Uint8Array([0x7b, 0xff, 0x7d]) }),
      want: { status: 400, body: errorBody(400, bad) },
    },
  ],
  ...required.map(
    ([action, path]): Row => [
      `${action} without ${path}`,
      { given: () => signedCall(without(validRequests[action], path)), want: schema(`${path}: is required`) },
    ],
  ),
  [
    'without action',
    { given: () => signedCall(without(bet, 'action')), want: schema('action: is required and must be a string') },
  ],
  ...wrongTypes.map(
    ([path, value, issue]): Row => [
      `${path} = ${JSON.stringify(value)}`,
      { given: () => signedCall(withField(bet, path, value)), want: schema(issue) },
    ],
  ),
  [
    'win round_close = "yes"',
    {
      given: () => signedCall(withField(win, 'payload.provider_transfer_data.round_close', 'yes')),
      want: schema('payload.provider_transfer_data.round_close: must be boolean'),
    },
  ],
  ['negative amount', { given: () => signedCall({ ...bet, amount: -1 }), want: schema('amount: must be >= 0') }],
  ['fractional amount', { given: () => signedCall({ ...bet, amount: 1.5 }), want: schema('amount: must be integer') }],
  [
    '2^53 amount',
    { given: () => signedCall({ ...bet, amount: 2 ** 53 }), want: schema('amount: must be <= 9007199254740991') },
  ],
  [
    'player_id past 2^53-1',
    {
      given: () => signedCall({ ...bet, player_id: 2 ** 53 }),
      want: schema('player_id: must be a string or an integer up to 2^53-1'),
    },
  ],
  [
    'unknown action',
    {
      given: () => signedCall({ ...bet, action: 'deposit' }),
      want: schema('action: must be one of balance, bet, win, refund, rollback-win'),
    },
  ],
  [
    '70 KiB body',
    {
      given: () => signedCall({ ...bet, padding: 'x'.repeat(70 * 1024) }),
      want: { status: 413, body: errorBody(413, 'Request body is too large.') },
    },
  ],
  [
    'GET request',
    {
      given: () => signedCall(undefined, { method: 'GET', raw: '' }),
      want: { status: 405, body: errorBody(405, 'Method not allowed. Use POST.') },
    },
  ],
  [
    'PUT request',
    {
      given: () => signedCall(bet, { method: 'PUT' }),
      want: { status: 405, body: errorBody(405, 'Method not allowed. Use POST.') },
    },
  ],
];

describe('bad requests', () => {
  it.each(rows)('%s', async (_name, { given, want }) => {
    const { wallet, calls } = recordingWallet();
    const handle = createWalletHandler({ secret, wallet });
    const response = await handle(await given());
    expect({ status: response.status, body: await response.text() }).toEqual(want);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(calls).toEqual([]);
  });

  it('answers 405 with Allow: POST', async () => {
    const handle = createWalletHandler({ secret, wallet: recordingWallet().wallet });
    const response = await handle(new Request(url, { method: 'GET' }));
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('refuses early on a Content-Length over the limit, without reading the stream', async () => {
    const handle = createWalletHandler({ secret, wallet: recordingWallet().wallet, maxBodyBytes: 10 });
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(8));
      },
    });
    const request = new Request(url, {
      method: 'POST',
      body,
      headers: { 'content-length': '1000' },
      duplex: 'half',
    } as RequestInit);
    const response = await handle(request);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('stops reading an endless body at the limit', async () => {
    const handle = createWalletHandler({ secret, wallet: recordingWallet().wallet, maxBodyBytes: 100 });
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array(32)),
      cancel: () => {
        cancelled = true;
      },
    });
    const response = await handle(new Request(url, { method: 'POST', body, duplex: 'half' } as RequestInit));
    expect(response.status).toBe(413);
    expect(cancelled).toBe(true);
  });
});

describe('accepted calls', () => {
  it.each(walletActions)('%s reaches its callback and answers its body', async (action) => {
    const { wallet, calls } = recordingWallet();
    const handle = createWalletHandler({ secret, wallet });
    const response = await handle(await signedCall(validRequests[action]));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = await response.json();
    expect(body.balance).toBe(1000);
    expect(calls).toEqual([{ action, request: validRequests[action] }]);
  });

  it('accepts an uppercase-hex signature', async () => {
    const { wallet, calls } = recordingWallet();
    const raw = JSON.stringify(bet);
    const handle = createWalletHandler({ secret, wallet });
    const response = await handle(await signedCall(bet, { signature: (await sign(raw, secret)).toUpperCase() }));
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('checks the signature over the exact bytes: whitespace and key order survive', async () => {
    const { wallet, calls } = recordingWallet();
    const raw = `{ "action" : "bet",\n "amount": 100, "player_id":"6","currency_code":"EUR","is_mobile":false,${JSON.stringify({ payload: bet.payload }).slice(1, -1)} }`;
    const handle = createWalletHandler({ secret, wallet });
    const response = await handle(await signedCall(undefined, { raw }));
    expect(response.status).toBe(200);
    expect(calls[0]?.request).toEqual(bet);
  });

  it('passes a numeric player_id as its decimal string, and unknown fields through', async () => {
    const { wallet, calls } = recordingWallet();
    const handle = createWalletHandler({ secret, wallet });
    const sent = { ...bet, player_id: 12, vendor_extra: { nested: [1, 2] } };
    const response = await handle(await signedCall(sent));
    expect(response.status).toBe(200);
    expect(calls[0]?.request).toEqual({ ...sent, player_id: '12' });
  });

  it('gives the callback the raw bytes, the received time and the request signal', async () => {
    let seen: { raw: string; receivedAt: number; signal: AbortSignal } | undefined;
    const { wallet } = recordingWallet({
      balance: (request, context) => {
        seen = {
          raw: new TextDecoder().decode(context.rawBody),
          receivedAt: context.receivedAt,
          signal: context.signal,
        };
        return { player_id: request.player_id, balance: 5, currency_code: 'EUR' };
      },
    });
    const before = Date.now();
    const request = await signedCall(validRequests.balance);
    await createWalletHandler({ secret, wallet })(request);
    expect(seen?.raw).toBe(JSON.stringify(validRequests.balance));
    expect(seen?.receivedAt).toBeGreaterThanOrEqual(before);
    expect(seen?.signal).toBe(request.signal);
  });

  it('accepts a negative balance after a rollback-win (WALLET-PROTOCOL.md §6)', async () => {
    const { wallet } = recordingWallet({
      rollbackWin: () => ({ transaction_id: 'op-1', balance: -150, currency_code: 'EUR' }),
    });
    const response = await createWalletHandler({ secret, wallet })(await signedCall(validRequests['rollback-win']));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"transaction_id":"op-1","balance":-150,"currency_code":"EUR"}');
  });
});

describe('secret rotation', () => {
  const wallet = recordingWallet().wallet;
  it.each(['old-secret', 'new-secret'])('accepts a call signed with %s', async (signWith) => {
    const handle = createWalletHandler({ secrets: ['old-secret', 'new-secret'], wallet });
    expect((await handle(await signedCall(bet, { signWith }))).status).toBe(200);
  });
  it('refuses a secret once it is removed', async () => {
    const handle = createWalletHandler({ secrets: ['new-secret'], wallet });
    const response = await handle(await signedCall(bet, { signWith: 'old-secret' }));
    expect({ status: response.status, body: await response.text() }).toEqual({ status: 403, body: forbidden });
  });
  it('refuses to start without a secret, and never shows one', () => {
    expect(() => createWalletHandler({ wallet })).toThrow(TypeError);
    expect(() => createWalletHandler({ secrets: [], wallet })).toThrow(TypeError);
    expect(() => createWalletHandler({ secrets: ['ok-secret', ''], wallet })).toThrow(/non-empty/);
    expect(() => createWalletHandler({ secret: 'ok-secret\n', wallet })).toThrow(
      /starts or ends with whitespace.*trim it/,
    );
  });
});

describe('options of the wrong type', () => {
  const wallet = recordingWallet().wallet;

  it('refuses a string as `secrets`: each of its characters would be accepted as a secret', async () => {
    const create = () => createWalletHandler({ secrets: 'the-real-secret' as never, wallet });
    expect(create).toThrow(
      new TypeError(
        'createWalletHandler: `secrets` must be an array of secrets, e.g. secrets: [oldSecret, newSecret]; ' +
          'for one secret, pass `secret`.',
      ),
    );
  });

  it('refuses `secret` and `secrets` together: one of them would be ignored', () => {
    expect(() => createWalletHandler({ secret: 'old-secret', secrets: ['new-secret'], wallet })).toThrow(
      new TypeError(
        'createWalletHandler: give `secret` or `secrets`, not both. During a rotation, list every secret in `secrets`.',
      ),
    );
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['onError', { onError: 'console' }, 'createWalletHandler: `onError` must be a function, not a string.'],
    ['onEvent', { onEvent: {} }, 'createWalletHandler: `onEvent` must be a function, not an object.'],
    [
      'telemetry',
      { telemetry: {} },
      'createWalletHandler: `telemetry` must be an object with a startCall() method, such as the one the ' +
        "package's /opentelemetry entry makes from @opentelemetry/api; leave it out for none.",
    ],
  ])('refuses %s of the wrong type at creation, not silently (or by crashing) on a call', (_, given, message) => {
    expect(() => createWalletHandler({ secret, wallet, ...given } as never)).toThrow(new TypeError(message));
  });

  it('refuses options that are not an object, saying what to pass', () => {
    expect(() => createWalletHandler(undefined as never)).toThrow(
      new TypeError('createWalletHandler takes its options as one object: createWalletHandler({ secret, … }).'),
    );
  });
});

describe('the wallet callbacks', () => {
  it.each(['balance', 'bet', 'win', 'refund', 'rollbackWin'] as const)('refuses to start without %s', (name) => {
    const { [name]: _missing, ...others } = recordingWallet().wallet;
    expect(() => createWalletHandler({ secret, wallet: others as WalletCallbacks })).toThrow(
      new TypeError(`createWalletHandler: wallet.${name} must be a function.`),
    );
  });
});

describe('maxBodyBytes', () => {
  it('is on the handler for adapters that read the body themselves', () => {
    const wallet = recordingWallet().wallet;
    expect(createWalletHandler({ secret, wallet }).maxBodyBytes).toBe(65_536);
    expect(createWalletHandler({ secret, wallet, maxBodyBytes: 1024 }).maxBodyBytes).toBe(1024);
  });
});
