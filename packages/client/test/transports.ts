/** The client's three transports, for tests that run the same case on each. */
import type { WalletClient, WalletClientOptions } from '../src/index.ts';
import { createWalletClient as createNeutralClient } from '../src/index.ts';
import { createWalletClient as createNodeClient } from '../src/node.ts';

export type CreateClient = (options: WalletClientOptions) => WalletClient;

/** undici (the node build), a user's `fetch` on the node build, and node:http (the neutral build). */
export const transports: [name: string, create: CreateClient][] = [
  ['the node build (undici)', createNodeClient],
  ['a user fetch', (options) => createNodeClient({ ...options, fetch: (request) => fetch(request) })],
  ['the neutral build (node:http)', createNeutralClient],
];
