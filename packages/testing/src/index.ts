export type { LedgerEntry, NewPlayer } from '@tbb-wallet/core';
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
export { WalletRuleError } from './rules/check.ts';
export type {
  WalletRule,
  WalletRuleGroup,
  WalletRuleReport,
  WalletRuleResult,
  WalletRuleSubject,
} from './rules/types.ts';
export { runWalletRules, walletRules } from './rules/wallet-rules.ts';
export type { FaultKind, FaultSettings, Faults } from './sandbox/faults.ts';
export { createFaults, faultSpecHelp, parseFaults } from './sandbox/faults.ts';
export { createSandboxWallet } from './sandbox/sandbox-wallet.ts';
export type { SandboxLedger, SandboxOptions, SandboxPlayer, SandboxWallet } from './sandbox/types.ts';
