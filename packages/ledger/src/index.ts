export type { LedgerEntry, NewPlayer } from '@tbb-wallet/core';
export type { Ledger, LedgerDatabase, LedgerOptions } from './create-ledger.ts';
export { createLedger } from './create-ledger.ts';
export type { Queryable } from './driver.ts';
export type { Migration } from './migrations.ts';
export { migrations } from './migrations.ts';
export type { AutoCreatePlayers } from './players.ts';
export { recordOnce } from './record-once.ts';
