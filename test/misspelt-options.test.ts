/**
 * A misspelt option is refused at start-up, naming it and the option it most likely meant,
 * by each factory: JavaScript (and an options object built elsewhere) would otherwise
 * ignore it and run on the default — a retry policy, a body limit or a database never used.
 */
import { createWalletClient } from '@tbb-wallet/client';
import { createWalletHandler } from '@tbb-wallet/handler';
import { createLedger } from '@tbb-wallet/ledger';
import { createOutbox } from '@tbb-wallet/outbox';
import { createSandboxWallet } from '@tbb-wallet/testing';
import { describe, expect, it } from 'vitest';

const wallet = createSandboxWallet();
const url = 'http://127.0.0.1:9/wallet';

describe('a misspelt option', () => {
  it.each<[string, () => unknown, string]>([
    [
      'createWalletClient({ retries })',
      () => createWalletClient({ baseUrl: url, secret: 's', retries: 3 } as never),
      'createWalletClient: unknown option `retries` — did you mean `retry`? Its options are: baseUrl, secret, fetch, ' +
        'dispatcher, timeoutMs, maxAnswerBytes, retry, headers, onRequest, onResponse, onEvent, telemetry.',
    ],
    [
      'createWalletHandler({ maxBodyByte })',
      () => createWalletHandler({ secret: 's', wallet, maxBodyByte: 10 } as never),
      'createWalletHandler: unknown option `maxBodyByte` — did you mean `maxBodyBytes`? Its options are: secret, ' +
        'secrets, wallet, maxBodyBytes, onError, onEvent, telemetry.',
    ],
    [
      'createLedger({ databaseUrl })',
      () => createLedger({ databaseUrl: 'postgres://127.0.0.1/x' } as never),
      'createLedger: unknown option `databaseUrl` — did you mean `database`? Its options are: database, ' +
        'autoCreatePlayers, timeouts, onError, onEvent, telemetry.',
    ],
    [
      'createOutbox({ concurency })',
      () => createOutbox({ wallet: { baseUrl: url, secret: 's' }, concurency: 4 } as never),
      'createOutbox: unknown option `concurency` — did you mean `concurrency`? Its options are: wallet, database, ' +
        'databaseTimeouts, backoff, timeoutMs, leaseMs, concurrency, pollMs, statsIntervalMs, workerId, onEvent, telemetry.',
    ],
    [
      'createLedger({ timeouts: { queryMS } })',
      () => createLedger({ timeouts: { queryMS: 100 } } as never),
      'createLedger({ timeouts }): unknown option `queryMS` — did you mean `queryMs`? Its options are: acquireMs, ' +
        'statementMs, queryMs.',
    ],
    [
      'createOutbox({ databaseTimeouts: { acquire } })',
      () => createOutbox({ wallet: { baseUrl: url, secret: 's' }, databaseTimeouts: { acquire: 100 } } as never),
      'createOutbox({ databaseTimeouts }): unknown option `acquire` — did you mean `acquireMs`? Its options are: ' +
        'acquireMs, statementMs, queryMs.',
    ],
  ])('%s is a TypeError naming it and what it meant', (_, create, message) => {
    expect(create).toThrow(new TypeError(message));
  });

  it.each<[string, () => unknown, string]>([
    [
      'createLedger',
      () => createLedger({ timeouts: { queryMs: 0 } }),
      'createLedger({ timeouts }): queryMs must be a whole number of milliseconds above 0.',
    ],
    [
      'createOutbox',
      () => createOutbox({ wallet: { baseUrl: url, secret: 's' }, databaseTimeouts: { statementMs: 1.5 } }),
      'createOutbox({ databaseTimeouts }): statementMs must be a whole number of milliseconds above 0.',
    ],
  ])('%s refuses a time bound that is not a whole number of milliseconds above 0', (_, create, message) => {
    expect(create).toThrow(new RangeError(message));
  });

  // Node fires a timer above 2^31−1 ms after 1 ms, and PostgreSQL refuses such a statement_timeout:
  // "wait longer" would have failed every call at once.
  const tooLong = (value: number) =>
    `must be at most 2147483647 ms (24.8 days), not ${value}: a longer timer fires at once.`;
  const wallet = { baseUrl: url, secret: 's' };
  it.each<[string, () => unknown, string, number]>([
    [
      'createLedger queryMs',
      () => createLedger({ timeouts: { queryMs: 3_000_000_000 } }),
      'createLedger({ timeouts }): queryMs',
      3_000_000_000,
    ],
    [
      'createLedger statementMs',
      () => createLedger({ timeouts: { statementMs: 2 ** 31 } }),
      'createLedger({ timeouts }): statementMs',
      2 ** 31,
    ],
    [
      'createLedger acquireMs',
      () => createLedger({ timeouts: { acquireMs: 2 ** 31 } }),
      'createLedger({ timeouts }): acquireMs',
      2 ** 31,
    ],
    [
      'createOutbox databaseTimeouts',
      () => createOutbox({ wallet, databaseTimeouts: { queryMs: 2 ** 31 } }),
      'createOutbox({ databaseTimeouts }): queryMs',
      2 ** 31,
    ],
    [
      'createOutbox timeoutMs',
      () => createOutbox({ wallet, timeoutMs: 2 ** 31, leaseMs: 2 ** 32 }),
      'createOutbox: timeoutMs',
      2 ** 31,
    ],
    [
      'createOutbox pollMs',
      () => createOutbox({ wallet, pollMs: Number.POSITIVE_INFINITY }),
      'createOutbox: pollMs',
      Number.POSITIVE_INFINITY,
    ],
    [
      'createOutbox statsIntervalMs',
      () => createOutbox({ wallet, statsIntervalMs: 1e12 }),
      'createOutbox: statsIntervalMs',
      1e12,
    ],
  ])('%s above 2^31−1 ms is a RangeError, not a timer that fires at once', (_, create, name, value) => {
    expect(create).toThrow(new RangeError(`${name} ${tooLong(value)}`));
  });

  it('takes a time bound of exactly 2^31−1 ms', async () => {
    const ledger = createLedger({ database: 'postgres://127.0.0.1:9/none', timeouts: { queryMs: 2 ** 31 - 1 } });
    await ledger.close();
    expect(() => createOutbox({ wallet, timeoutMs: 2 ** 31 - 1, leaseMs: 2 ** 32, pollMs: 2 ** 31 - 1 })).not.toThrow();
  });
});

describe('a hook of the wrong type', () => {
  // Each package ignores what a hook throws: a hook that is not a function would never report anything,
  // and a telemetry without its method would throw where no caller can catch it.
  const telemetry = (where: string, method: string) =>
    `${where}: \`telemetry\` must be an object with a ${method}() method, such as the one the package's ` +
    '/opentelemetry entry makes from @opentelemetry/api; leave it out for none.';
  it.each<[string, () => unknown, string]>([
    [
      'createWalletClient({ onEvent: "log" })',
      () => createWalletClient({ baseUrl: url, secret: 's', onEvent: 'log' } as never),
      'createWalletClient: `onEvent` must be a function, not a string.',
    ],
    [
      'createWalletClient({ fetch: {} })',
      () => createWalletClient({ baseUrl: url, secret: 's', fetch: {} } as never),
      'createWalletClient: `fetch` must be a function, not an object.',
    ],
    [
      'createWalletClient({ telemetry: {} })',
      () => createWalletClient({ baseUrl: url, secret: 's', telemetry: {} } as never),
      telemetry('createWalletClient', 'startCall'),
    ],
    [
      'createLedger({ onError: true })',
      () => createLedger({ onError: true } as never),
      'createLedger: `onError` must be a function, not a boolean.',
    ],
    [
      'createLedger({ telemetry: null })',
      () => createLedger({ telemetry: null } as never),
      telemetry('createLedger', 'start'),
    ],
    [
      'createOutbox({ onEvent: [] })',
      () => createOutbox({ wallet: { baseUrl: url, secret: 's' }, onEvent: [] } as never),
      'createOutbox: `onEvent` must be a function, not an array.',
    ],
    [
      'createOutbox(undefined)',
      () => createOutbox(undefined as never),
      'createOutbox takes its options as one object: createOutbox({ wallet, … }).',
    ],
  ])('%s is a TypeError at creation, naming what it must be', (_, create, message) => {
    expect(create).toThrow(new TypeError(message));
  });
});
