// Serves the handler with node:http on 127.0.0.1 and prints `listening <port>`.
// Run by any Node version: `node scripts/runtimes/serve-node.mjs <secret>`.
import { createServer } from 'node:http';
import { createWalletHandler, toNodeListener } from '../../packages/handler/dist/index.js';
import { createRuntimeWallet } from './wallet.mjs';

const handle = createWalletHandler({ secret: process.argv[2], wallet: createRuntimeWallet() });
const server = createServer(toNodeListener(handle)).listen(0, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
