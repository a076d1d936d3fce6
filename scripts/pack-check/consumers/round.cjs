// CommonJS consumer: `node round.cjs <sandbox|ledger>` plays a signed round (balance, bet, win)
// with the installed client against the installed handler on node:http, 127.0.0.1,
// in front of the sandbox wallet or the ledger (embedded PGlite).
const assert = require('node:assert/strict');
const { createServer } = require('node:http');
const { createWalletClient } = require('@tbb-wallet/client');
const { sign, verify } = require('@tbb-wallet/core');
const { createWalletHandler, toNodeListener } = require('@tbb-wallet/handler');

const secret = 'pack-check-secret';
const player = { player_id: '6', currency_code: 'EUR', is_mobile: false };
const game = { reference: 'pack::check', session_token: 't' };

async function round(wallet) {
  const server = createServer(toNodeListener(createWalletHandler({ secret, wallet })));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const client = createWalletClient({ baseUrl: `http://127.0.0.1:${server.address().port}/wallet`, secret });
    assert.equal((await client.balance({ ...player, ...game })).balance, 10_000);
    const bet = { ...game, provider_transfer_data: { transaction_id: 'bet-1', round_id: 'r-1' } };
    assert.equal((await client.bet({ ...player, amount: 100, payload: bet })).balance, 9_900);
    const win = { ...game, provider_transfer_data: { transaction_id: 'win-1', round_id: 'r-1', round_close: true } };
    assert.equal((await client.win({ ...player, amount: 250, payload: win })).balance, 10_150);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

async function main() {
  assert.equal(await verify('{}', await sign('{}', secret), secret), true);
  if (process.argv[2] === 'sandbox') {
    const { createSandboxWallet } = require('@tbb-wallet/testing');
    const wallet = createSandboxWallet({ players: [{ ...player, balance: 10_000 }] });
    await round(wallet);
    assert.equal(wallet.ledger.balanceOf('6'), 10_150);
  } else {
    const { createLedger } = require('@tbb-wallet/ledger');
    const ledger = createLedger();
    await ledger.migrate();
    await ledger.addPlayer({ player_id: '6', currency_code: 'EUR', balance: 10_000 });
    await round(ledger.wallet);
    assert.equal(await ledger.balanceOf('6'), 10_150);
    await ledger.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
