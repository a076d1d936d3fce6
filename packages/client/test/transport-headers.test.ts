/**
 * Extra headers that frame the body or the connection, or ask for an encoding, are the
 * transport's own: refused when the client is made, on every build. Sent, they made
 * undici refuse every attempt before a byte left (each bet reported as of unknown
 * outcome, each win retried to its deadline), made node:http send `Transfer-Encoding`
 * beside `Content-Length` (the operator answered 400), or brought answers gzip-encoded
 * that undici and node:http do not decode.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { secret, transactionAnswer, winInput } from './fixtures.ts';
import type { RawServer } from './raw-server.ts';
import { answer, startRawServer } from './raw-server.ts';
import { transports } from './transports.ts';

let operator: RawServer | undefined;
afterEach(async () => {
  await operator?.close();
  operator = undefined;
});

const builds = transports;

const refused: [string, string][] = [
  ['Content-Length', '3'],
  ['Transfer-Encoding', 'chunked'],
  ['Expect', '100-continue'],
  ['Keep-Alive', 'timeout=5'],
  ['Upgrade', 'websocket'],
  ['Trailer', 'x-sum'],
  ['Accept-Encoding', 'gzip'],
];

describe.each(builds)('extra headers on %s', (_name, create) => {
  it.each(refused)('%s is refused at creation, saying to remove it', (name, value) => {
    expect(() => create({ baseUrl: 'http://127.0.0.1:9/wallet', secret, headers: { [name]: value } })).toThrow(
      new TypeError(
        `createWalletClient: headers cannot set ${name.toLowerCase()}, which the client's transport writes itself: remove it.`,
      ),
    );
  });

  it('sends the others, Connection included', async () => {
    operator = await startRawServer((_request, res) => answer(res, 200, transactionAnswer));
    const headers = { 'X-Operator': '7', Connection: 'close' };
    const wallet = create({ baseUrl: operator.url, secret, headers });

    await expect(wallet.win(winInput)).resolves.toEqual(transactionAnswer);

    expect(operator.requests).toHaveLength(1);
    expect(operator.requests[0]?.headers).toMatchObject({ 'x-operator': '7', connection: 'close' });
  });
});
