/**
 * Recognisable reasons why a run went wrong as a whole, read from its raw exchanges,
 * so a report says "your secret is probably wrong" once instead of 50 rows of 403.
 */
import { sign } from '@tbb-wallet/core';
import type { ConformanceCause, Exchange } from './types.ts';

/** The causes the exchanges of a finished run show (none for a run that went as it should). */
export async function causesOf(exchanges: readonly Exchange[], secret: string): Promise<ConformanceCause[]> {
  const posts = exchanges.filter((e) => e.method === 'POST' && e.status !== 0);
  if (posts.length === 0) return [];
  if (posts.length >= 2 && posts.every((e) => e.status === 500)) {
    return [
      {
        kind: 'body-parser',
        message:
          'every call was answered 500: a body parser in front of the wallet handler (express.json(), a framework ' +
          "reading the body first) does this — mount the handler before it; otherwise the wallet's error log says what breaks",
      },
    ];
  }
  const signed: Exchange[] = [];
  const unsigned: Exchange[] = [];
  for (const e of posts) {
    const header = e.requestHeaders['x-request-sign'];
    const good = header !== undefined && header.toLowerCase() === (await sign(e.requestBody, secret));
    (good ? signed : unsigned).push(e);
  }
  if (
    signed.length > 0 &&
    signed.every((e) => e.status === 403) &&
    (unsigned.length === 0 || unsigned.some((e) => e.status === 403))
  ) {
    return [
      {
        kind: 'wrong-secret',
        message:
          'every correctly signed call was refused 403, while the unsigned ones were refused as they should be: ' +
          'the secret is probably not the one the wallet holds (check --secret, or `tbb-wallet sign` a body on both sides)',
      },
    ];
  }
  return [];
}
