export { createSandboxWallet } from './sandbox/sandbox-wallet.ts';
export type { LedgerEntry, SandboxLedger, SandboxOptions, SandboxPlayer, SandboxWallet } from './sandbox/types.ts';
