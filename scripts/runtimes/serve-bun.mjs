// Serves the handler with Bun's own server: `bun scripts/runtimes/serve-bun.mjs <secret>`.
import { createWalletHandler } from '../../packages/handler/dist/index.js';
import { createRuntimeWallet } from './wallet.mjs';

const handle = createWalletHandler({ secret: process.argv[2], wallet: createRuntimeWallet() });
const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: handle });
console.log(`listening ${server.port}`);
