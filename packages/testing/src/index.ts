export { runConformance } from './conformance/run-conformance.ts';
export { conformanceScenarios, UnknownScenarioError } from './conformance/scenarios.ts';
export type {
  ConformanceBalance,
  ConformanceCause,
  ConformanceOptions,
  ConformancePlan,
  ConformancePlayer,
  ConformanceReport,
  Exchange,
  ScenarioGroup,
  ScenarioInfo,
  ScenarioResult,
} from './conformance/types.ts';
export type { WalletMswOptions } from './msw.ts';
export { walletMswHandlers } from './msw.ts';
export { createSandboxWallet } from './sandbox/sandbox-wallet.ts';
export type { LedgerEntry, SandboxLedger, SandboxOptions, SandboxPlayer, SandboxWallet } from './sandbox/types.ts';
