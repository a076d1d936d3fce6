/**
 * `createLedger()`: the reference wallet on PostgreSQL, ready for the handler.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { LedgerEntry, NewPlayer, WorkTelemetry } from '@tbb-wallet/core';
import { assertHookOptions, assertKnownOptions } from '@tbb-wallet/core';
import type { WalletCallbacks } from '@tbb-wallet/handler';
import type pg from 'pg';
import type { CashierReceipt, CashierRequest } from './cashier.ts';
import { moveCash } from './cashier.ts';
import type { SqlDriver } from './driver.ts';
import { isPgPool, pgDriver, pgPool } from './drivers/pg.ts';
import { isPglite, pgliteDriver, startPglite } from './drivers/pglite.ts';
import { readEntries } from './entries.ts';
import { ledgerWallet } from './ledger-wallet.ts';
import { migrate } from './migrations.ts';
import type { LedgerEvent } from './observe-call.ts';
import { callObserver } from './observe-call.ts';
import type { AddedPlayer, AutoCreatePlayers, PlayerAccount } from './players.ts';
import { addPlayer, findPlayer, setBlocked } from './players.ts';
import { assertStorableText } from './storable-text.ts';
import type { LedgerTimeouts } from './timeouts.ts';
import { resolveTimeouts } from './timeouts.ts';
import { explainUnusableDatabase } from './unusable-database.ts';

/** Where the ledger keeps its tables. */
export type LedgerDatabase = pg.Pool | string | PGlite | { dataDir: string };

/** Options of {@link createLedger}. */
export interface LedgerOptions {
  /**
   * - a pg `Pool` (yours: `close()` leaves it open),
   * - a connection string `postgres://…` or `postgresql://…` (the ledger makes and ends its own pool;
   *   an empty or malformed one is a TypeError here, not a failed connection later),
   * - a PGlite instance (yours), or `{ dataDir }` for an embedded PGlite kept on disk;
   * - omitted: an embedded PGlite in memory (gone when the process ends).
   *
   * Given but `undefined` (`database: process.env.DATABASE_URL` with the variable unset) is a
   * TypeError: a wallet silently kept in memory would lose every balance at the next restart.
   */
  database?: LedgerDatabase;
  /**
   * Create an unknown player on first sight with this currency and balance, like the
   * in-memory sandbox (`{ currency: 'EUR', balance: 100000 }`). Without it an unknown
   * player is refused 404.
   */
  autoCreatePlayers?: AutoCreatePlayers;
  /**
   * Bounds on a PostgreSQL server, in ms: `{ acquireMs: 2000, statementMs: 2000, queryMs: 2500 }`
   * by default, so a frozen or unreachable database is answered 503 within the caller's 5 s attempt.
   * @see LedgerTimeouts
   */
  timeouts?: Partial<LedgerTimeouts>;
  /**
   * Every database fault the ledger absorbed: an idle pooled connection's error (which would
   * otherwise crash the process), and the lost, refused or timed-out connection behind each 503.
   * Without it they are dropped; the calls are still answered.
   */
  onError?: (error: unknown) => void;
  /**
   * One event per wallet call the ledger ran, in the shared `WalletEvent` shape, with its
   * database work: `roundTrips`, `databaseMs`, `replayed` (see {@link LedgerEvent}). Errors it
   * throws are ignored.
   */
  onEvent?: (event: LedgerEvent) => void;
  /**
   * Spans of the ledger's work: `ledgerOpenTelemetry(api)` from `@tbb-wallet/ledger/opentelemetry`
   * (a span per call under the handler's SERVER span, one per database round trip, a counter of
   * replays), or your own `WorkTelemetry`, whose methods must not throw.
   */
  telemetry?: WorkTelemetry;
}

/** The reference wallet and what an operator or a test needs around it. */
export interface Ledger {
  /** The five callbacks, for `createWalletHandler({ secret, wallet: ledger.wallet })`. */
  readonly wallet: WalletCallbacks;
  /**
   * Creates or upgrades the tables (in the connection's `search_path`); returns the
   * migration versions applied now. Idempotent; safe from several processes at once.
   *
   * @throws DatabaseUnavailableError — the database could not be reached (nothing listening, a
   *   network that drops, no connection in time); the message asks whether PostgreSQL runs there.
   * @throws Error — the URL names a database, user or host the server does not know; the message
   *   says what to correct. The database's own error is `cause`; the URL is never in the message.
   */
  migrate(): Promise<number[]>;
  /**
   * Creates the player if absent. An existing player is never changed — not its balance, its
   * currency nor its block — so this is safe to run at every start-up. Answers whether it
   * created the player, and the player as stored now (compare it with what you asked for).
   * Move money with `deposit()` / `withdraw()`, block with `block()`.
   *
   * @throws TypeError / RangeError — a player id, currency or balance the ledger could never answer
   *   (a player id with a lone surrogate or U+0000 included: stored, it could be another player's).
   */
  addPlayer(player: NewPlayer): Promise<AddedPlayer>;
  /**
   * Credits the player once per `key` (your idempotency key), recorded as a `deposit` entry.
   * The same key again answers the first receipt and moves nothing.
   *
   * @throws TypeError / RangeError — a key, player id or amount the ledger could never store (a key with a lone
   *   surrogate would be one key with another: the second deposit answered as the first's replay, never credited).
   * @throws PlayerNotFoundError — unknown player (nothing stored; the key works once the player exists).
   * @throws BadRequestError — the key was used for another player or amount.
   */
  deposit(request: CashierRequest): Promise<CashierReceipt>;
  /**
   * Debits the player once per `key`, recorded as a `withdrawal` entry; the balance may not go below 0.
   *
   * @throws InsufficientFundsError — more than the balance; the refusal is kept for that key.
   * @throws PlayerNotFoundError, BadRequestError — as {@link Ledger.deposit}.
   */
  withdraw(request: CashierRequest): Promise<CashierReceipt>;
  /**
   * Blocks a player: balance calls and bets are refused 407; wins, refunds and rollbacks still apply.
   * @throws PlayerNotFoundError
   * @throws TypeError — a player id with a lone surrogate or U+0000 (it could name another player).
   */
  block(playerId: string): Promise<PlayerAccount>;
  /** Unblocks a player. @throws PlayerNotFoundError @throws TypeError — as {@link Ledger.block}. */
  unblock(playerId: string): Promise<PlayerAccount>;
  /**
   * The player's balance in subunits, or `undefined` for an unknown player.
   * @throws TypeError — a player id with a lone surrogate or U+0000 (it could name another player).
   */
  balanceOf(playerId: string): Promise<number | undefined>;
  /**
   * Accepted transactions, oldest first; only this player's when `playerId` is given.
   * @throws TypeError — a player id with a lone surrogate or U+0000 (it could name another player).
   */
  entries(playerId?: string): Promise<LedgerEntry[]>;
  /** Ends the pool or PGlite the ledger made itself; a database passed in stays open. */
  close(): Promise<void>;
}

/** Every option of {@link LedgerOptions}: a misspelt one is refused, not ignored. */
const ledgerOptionNames = {
  database: true,
  autoCreatePlayers: true,
  timeouts: true,
  onError: true,
  onEvent: true,
  telemetry: true,
} as const satisfies Record<keyof LedgerOptions, true>;

/**
 * Creates the reference wallet. Call `migrate()` once before the first call.
 *
 * Every bet, win, refund and rollback-win is one SQL transaction that locks the
 * player's row, so each provider `transaction_id` is applied at most once per action,
 * atomically with its balance change — across connections and processes.
 *
 * @see WALLET-PROTOCOL.md §6
 * @example
 * const ledger = createLedger({ database: process.env.DATABASE_URL });
 * await ledger.migrate();
 * http.createServer(toNodeListener(createWalletHandler({ secret, wallet: ledger.wallet }))).listen(8080);
 */
export function createLedger(options: LedgerOptions = {}): Ledger {
  assertKnownOptions('createLedger', options, ledgerOptionNames);
  assertHookOptions('createLedger', options, ['onError', 'onEvent'], 'start');
  const driver = driverFor(options);
  let closed = false;
  /**
   * An operator's own call after `close()` is their mistake, said so: not "the database failed",
   * which sends them to look at a healthy database. (The wallet's callbacks still answer 503: a
   * platform retry during a shutdown should reach the next process.)
   */
  const whileOpen =
    <A extends unknown[], R>(name: string, run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (closed) throw new TypeError(`ledger.${name}(): this ledger was closed (ledger.close()); create a new one.`);
      return run(...args);
    };
  return {
    wallet: ledgerWallet(driver, options.autoCreatePlayers, callObserver(options.onEvent, options.telemetry)),
    migrate: whileOpen('migrate', () =>
      migrate(driver).catch((error: unknown) => {
        throw explainUnusableDatabase(error);
      }),
    ),
    addPlayer: whileOpen('addPlayer', (player: NewPlayer) => addPlayer(driver, player)),
    deposit: whileOpen('deposit', (request: CashierRequest) => moveCash(driver, 'deposit', request)),
    withdraw: whileOpen('withdraw', (request: CashierRequest) => moveCash(driver, 'withdrawal', request)),
    block: whileOpen('block', (playerId: string) => setBlocked(driver, playerId, true)),
    unblock: whileOpen('unblock', (playerId: string) => setBlocked(driver, playerId, false)),
    balanceOf: whileOpen('balanceOf', async (playerId: string) => {
      assertStorableText('balanceOf: player_id', playerId);
      return (await findPlayer(driver, playerId, { lock: false }))?.balance;
    }),
    entries: whileOpen('entries', async (playerId?: string) => {
      if (playerId !== undefined) assertStorableText('entries: player_id', playerId);
      return readEntries(driver, playerId);
    }),
    close: () => {
      closed = true;
      return driver.close();
    },
  };
}

function driverFor(options: LedgerOptions): SqlDriver {
  const { database, onError, timeouts: given } = options;
  if (database === undefined && 'database' in options) {
    throw new TypeError(
      'createLedger: `database` was given but is undefined. Is DATABASE_URL set? Pass a postgres://user@host:5432/db URL, a pg Pool, a PGlite or { dataDir }; leave `database` out only for an embedded PGlite in memory, whose balances are gone when the process ends.',
    );
  }
  const timeouts = resolveTimeouts(given);
  if (database === undefined) return pgliteDriver(startPglite(), true);
  if (typeof database === 'string') return pgDriver(pgPool(checkedUrl(database), timeouts), true, timeouts, onError);
  if (isPglite(database)) return pgliteDriver(Promise.resolve(database), false);
  if (isPgPool(database)) return pgDriver(database, false, timeouts, onError);
  if (typeof (database as { dataDir?: unknown } | null)?.dataDir === 'string') {
    return pgliteDriver(startPglite((database as { dataDir: string }).dataDir), true);
  }
  throw new TypeError('createLedger: `database` must be a pg Pool, a postgres:// URL, a PGlite, or { dataDir }.');
}

/**
 * A connection string pg can use, or a TypeError saying what to do. The value is never put in
 * the message: it may hold a password. Blanks around it (a pasted value, a file's newline) are
 * dropped, as `new URL()` drops them: pg would read ` postgres://…` as a relative URL.
 */
function checkedUrl(given: string): string {
  const url = given.trim();
  if (url === '') {
    throw new TypeError(
      'createLedger: `database` is an empty string. Is DATABASE_URL set? Pass a postgres://user@host:5432/db URL, a pg Pool, a PGlite, or leave `database` out for an embedded PGlite in memory.',
    );
  }
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new TypeError(
      'createLedger: `database` is not a postgres:// URL (the value is not shown: it may hold a password). Use the form postgres://user:password@host:5432/database.',
    );
  }
  return url;
}
