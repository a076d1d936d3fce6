// Runs the README examples as compiled in the scratch project: the handler's node:http
// operator, and the client's provider round against it.
import assert from 'node:assert/strict';
import { once } from 'node:events';

process.env.TBB_WALLET_SECRET = 'readme-secret';
process.env.PORT = '0';
const { server } = await import('./out/operator.js');
if (!server.listening) await once(server, 'listening');
const { playRound } = await import('./out/provider.js');
try {
  const url = `http://127.0.0.1:${server.address().port}/api/tbb/wallet`;
  assert.deepEqual(await playRound(url, 'readme-secret'), { outcome: 'won', before: 10_000, after: 10_150 });
} finally {
  server.closeAllConnections();
  server.close();
}
console.log('readme examples ok');
