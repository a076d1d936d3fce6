-- The statements @tbb-wallet/ledger sends for one new `win` today, in order (see
-- packages/ledger/src/transact.ts, players.ts, ledger-wallet.ts): run by
-- `pgbench -f ledger-win.sql -M extended` (parameters, like node-postgres), so the
-- bench shows what the database costs for our SQL without Node, the driver or the
-- handler. Keep it in step with the ledger when its SQL changes.
\set player random(1, 1000)
\set tx random(1, 1000000000000000)
BEGIN;
SELECT player_id, currency_code, balance, blocked FROM ledger_players WHERE player_id = :player::text FOR UPDATE;
SELECT request_sha256, status, response FROM ledger_transactions WHERE action = 'win' AND provider_transaction_id = :tx::text;
SELECT 1 FROM ledger_tombstones WHERE original_action = 'win' AND provider_transaction_id = :tx::text;
SELECT nextval('ledger_transaction_ids') AS id \gset
UPDATE ledger_players SET balance = balance + 100 WHERE player_id = :player::text RETURNING balance \gset
INSERT INTO ledger_transactions (id, action, provider_transaction_id, player_id, request_sha256, amount, movement, balance_after, round_id, original_transaction_id, status, response) VALUES (:id, 'win', :tx::text, :player::text, '5c2e0b4e1f7d9a3c6b8e2d4f1a0c9e7b5d3f1e2a4c6b8d0f2e4a6c8b0d2f4e6a', 100, 100, :balance, '20111312111', NULL, 200, '{"transaction_id": "1", "balance": 100, "currency_code": "EUR"}'::jsonb);
COMMIT;
