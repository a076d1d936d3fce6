// The `node` build: the same public surface, with a createWalletClient that sends through undici.

export { createWalletClient } from './create-node-wallet-client.ts';
export * from './index.ts';
