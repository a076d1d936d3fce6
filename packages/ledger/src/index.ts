export type { Ledger, LedgerDatabase, LedgerOptions } from './create-ledger.ts';
export { createLedger } from './create-ledger.ts';
export type { Queryable } from './driver.ts';
export type { LedgerEntry } from './entries.ts';
export type { Migration } from './migrations.ts';
export { migrations } from './migrations.ts';
export type { AutoCreatePlayers, NewPlayer } from './players.ts';
export { recordOnce } from './record-once.ts';
