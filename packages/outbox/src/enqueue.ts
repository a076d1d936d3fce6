/**
 * Enqueue: the call checked against the spec, stored once as the exact body every attempt
 * will send, in the outbox's database or inside the caller's own transaction.
 */
import type { RefundRequest, RollbackWinRequest, WinRequest } from '@tbb-wallet/core';
import {
  canonicalJson,
  checkRefundRequest,
  checkRollbackWinRequest,
  checkWinRequest,
  formatIssue,
} from '@tbb-wallet/core';
import type { Queryable } from './database.ts';
import { OutboxConflictError } from './errors.ts';
import type { OutboxAction } from './job.ts';

/** A call the outbox delivers: a win, refund or rollback-win request, `action` included. */
export type OutboxRequest = WinRequest | RefundRequest | RollbackWinRequest;

/** Options of `enqueue`. */
export interface EnqueueOptions {
  /** The operator to deliver to, when `wallet` is a map of named operators. */
  operator?: string;
  /**
   * Your open transaction on the outbox's database (a pg `PoolClient` after `BEGIN`, or a
   * PGlite transaction): the job commits with your rows, or not at all.
   */
  transaction?: Queryable;
}

/** Every option of {@link EnqueueOptions}: a misspelt one is refused, not ignored. */
export const enqueueOptionNames = { operator: true, transaction: true } as const satisfies Record<
  keyof EnqueueOptions,
  true
>;

/**
 * The caller's transaction, checked: a misspelt or undefined one would queue the job outside it,
 * where the caller's rollback cannot take it back. @throws TypeError
 */
export function givenTransaction(options: EnqueueOptions): Queryable | undefined {
  if (!Object.hasOwn(options, 'transaction')) return undefined;
  const given = options.transaction as unknown;
  if (given === undefined || given === null)
    throw new TypeError(
      `outbox.enqueue: \`transaction\` was given but is ${given}: pass your open transaction (a pg PoolClient after BEGIN, or a PGlite transaction), or leave the option out to enqueue on the outbox's own.`,
    );
  if (typeof (given as { query?: unknown }).query !== 'function')
    throw new TypeError(
      'outbox.enqueue: `transaction` must be your open transaction, with a query() method (a pg PoolClient after BEGIN, or a PGlite transaction).',
    );
  return given as Queryable;
}

/** What `enqueue` answers. */
export interface Enqueued {
  readonly id: string;
  /** False when this operator, action and transaction_id was queued before with the same body (nothing added). */
  readonly created: boolean;
}

const checks = { win: checkWinRequest, refund: checkRefundRequest, 'rollback-win': checkRollbackWinRequest } as const;

/** A call checked by {@link storedBody}: its action, the exact body to store, the request. */
export interface StoredBody {
  readonly action: OutboxAction;
  readonly body: string;
  readonly request: OutboxRequest;
}

/** The body to store, checked. @throws TypeError naming what is wrong. */
export function storedBody(request: OutboxRequest): StoredBody {
  const action = (request as { action?: unknown } | null)?.action;
  if (action !== 'win' && action !== 'refund' && action !== 'rollback-win') {
    const lower = typeof action === 'string' ? action.trim().toLowerCase() : '';
    const hint = Object.hasOwn(checks, lower) ? ` (the protocol's actions are lower-case: "${lower}")` : '';
    throw new TypeError(
      `outbox.enqueue takes a win, refund or rollback-win request with its \`action\`; got action ${JSON.stringify(action)}${hint}.`,
    );
  }
  const checked = checks[action](request);
  if (!checked.ok)
    throw new TypeError(`outbox.enqueue: the ${action} request is invalid: ${formatIssue(checked.issue)}.`);
  const badString = findBadString(request, 'request');
  if (badString) throw new TypeError(`outbox.enqueue: ${badString}; the operator would refuse it (400).`);
  return { action, body: JSON.stringify(request), request };
}

/** Inserts the job, or finds the same one queued before. @throws OutboxConflictError for the same id with another body. */
export async function insertJob(db: Queryable, operator: string, stored: StoredBody): Promise<Enqueued> {
  const { action, body, request } = stored;
  const transfer = request.payload.provider_transfer_data;
  const key = [operator, action, transfer.transaction_id];
  const inserted = await db.query(
    `INSERT INTO tbb_outbox_jobs (operator, action, transaction_id, player_id, round_id, amount, body)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT ON CONSTRAINT tbb_outbox_jobs_once DO NOTHING
     RETURNING id::text AS id`,
    [...key, String(request.player_id), transfer.round_id, request.amount, body],
  );
  if (inserted.rows[0]) return { id: String(inserted.rows[0].id), created: true };
  const { rows } = await db.query(
    'SELECT id::text AS id, body FROM tbb_outbox_jobs WHERE operator = $1 AND action = $2 AND transaction_id = $3',
    key,
  );
  const existing = rows[0];
  if (!existing) throw new Error('outbox.enqueue: the job was neither inserted nor found; try again.');
  // The same content with its keys in another order (a call rebuilt after a crash) is the same call.
  if (existing.body !== body && canonicalJson(JSON.parse(String(existing.body))) !== canonicalJson(JSON.parse(body)))
    throw new OutboxConflictError(String(existing.id), transfer.transaction_id);
  return { id: String(existing.id), created: false };
}

/**
 * The first string that is not well-formed Unicode or holds U+0000, by its path: the
 * operator refuses such a body (WALLET-PROTOCOL.md §6) and PostgreSQL cannot store it.
 */
function findBadString(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return `${path} contains U+0000`;
    if (!(value as string & { isWellFormed(): boolean }).isWellFormed())
      return `${path} holds a lone surrogate (not well-formed Unicode)`;
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = findBadString(key, `${path} key`) ?? findBadString(inner, `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}
