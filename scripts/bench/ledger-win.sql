-- The two round trips @tbb-wallet/ledger sends for a new `win` (packages/ledger/src/transact.ts, drivers/pg.ts),
-- a simple query per line (`\;` joins), for `pgbench -M simple`: the database's cost of our SQL. Keep it in step.
\set player random(1, 1000)
\set tx random(1, 1000000000000000)
BEGIN \; SET LOCAL statement_timeout = 2000 \; SET LOCAL idle_in_transaction_session_timeout = 2500 \; SELECT ledger_transfer_facts(:player::text, 'win', :tx::text, NULL, NULL, 'win', :tx::text, NULL, NULL) AS facts;
SELECT ledger_transfer_record(100, NULL, NULL, NULL, 'win', :tx::text, :player::text, '5c2e0b4e1f7d9a3c6b8e2d4f1a0c9e7b5d3f1e2a4c6b8d0f2e4a6c8b0d2f4e6a', 100, 100, 100, '20111312111', NULL, 200, 'EUR', NULL) AS id \; COMMIT;
