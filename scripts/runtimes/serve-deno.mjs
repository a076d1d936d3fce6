// Serves the handler with Deno's own server:
// `deno run --allow-net --allow-read --allow-env serve-deno.mjs <secret>`.
import { createWalletHandler } from '../../packages/handler/dist/index.js';
import { createRuntimeWallet } from './wallet.mjs';

const handle = createWalletHandler({ secret: Deno.args[0], wallet: createRuntimeWallet() });
Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log(`listening ${port}`) }, handle);
