/**
 * Every scenario of the suite, by group, in the order they run.
 */
import type { Scenario } from './probe.ts';
import { consistencyScenarios } from './scenarios/consistency.ts';
import { idempotencyScenarios } from './scenarios/idempotency.ts';
import { balanceScenarios, betScenarios, winScenarios } from './scenarios/money.ts';
import { refundRollbackScenarios } from './scenarios/refund-rollback.ts';
import { signatureScenarios } from './scenarios/signatures.ts';
import { unstorableScenarios } from './scenarios/unstorable.ts';
import { validationScenarios } from './scenarios/validation.ts';
import type { ScenarioGroup, ScenarioInfo } from './types.ts';

const groups: [ScenarioGroup, Scenario[]][] = [
  ['signatures', signatureScenarios],
  ['validation', validationScenarios],
  ['validation', unstorableScenarios],
  ['balance', balanceScenarios],
  ['bet', betScenarios],
  ['win', winScenarios],
  ['idempotency', idempotencyScenarios],
  ['refund-rollback', refundRollbackScenarios],
  ['consistency', consistencyScenarios],
];

/** A scenario with its group. */
export type GroupedScenario = Scenario & { readonly group: ScenarioGroup };

/** Every scenario, in running order. */
export const allScenarios: readonly GroupedScenario[] = groups.flatMap(([group, list]) =>
  list.map((scenario) => ({ ...scenario, group })),
);

/** The id, group and title of every scenario of the suite, in running order. */
export function conformanceScenarios(): ScenarioInfo[] {
  return allScenarios.map(({ id, group, title }) => ({ id, group, title }));
}
