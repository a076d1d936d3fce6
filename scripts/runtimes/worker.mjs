// A Cloudflare Worker serving the handler. No nodejs_compat: the handler must run on
// WebCrypto alone. The secret comes from the worker's environment binding.
import { createWalletHandler } from '../../packages/handler/dist/index.js';
import { createRuntimeWallet } from './wallet.mjs';

const wallet = createRuntimeWallet();
let handle;

export default {
  fetch(request, env) {
    handle ??= createWalletHandler({ secret: env.WALLET_SECRET, wallet });
    return handle(request);
  },
};
