/**
 * A wallet URL no transport can use is refused when the client is made, the same on
 * every build. Before, a fetch failed each attempt before a byte left (an `ftp:` URL,
 * credentials in the URL), so a bet that was never sent threw `WalletOutcomeUnknownError`
 * and a win was retried to its deadline; undici dropped the credentials without a word.
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

const credentials =
  'baseUrl must not hold credentials (user:password@), which no transport sends: put them in headers.';

describe.each(builds)('the wallet URL on %s', (_name, create) => {
  it.each([
    ['ftp://127.0.0.1:9/wallet', 'baseUrl must be an http: or https: URL, not ftp:'],
    ['ws://127.0.0.1:9/wallet', 'baseUrl must be an http: or https: URL, not ws:'],
    ['http://operator:s3cret@127.0.0.1:9/wallet', credentials],
    ['https://operator@127.0.0.1:9/wallet', credentials],
  ])('%s is refused at creation', (baseUrl, message) => {
    expect(() => create({ baseUrl, secret })).toThrow(new TypeError(message));
  });

  it('a URL with a fragment is sent without it', async () => {
    operator = await startRawServer((_request, res) => answer(res, 200, transactionAnswer));

    await expect(create({ baseUrl: `${operator.url}?operator=7#top`, secret }).win(winInput)).resolves.toEqual(
      transactionAnswer,
    );

    expect(operator.requests.map((request) => request.url)).toEqual(['/casino/wallet?operator=7']);
  });
});
