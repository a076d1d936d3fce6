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

/** An `only` entry that names no scenario id and no group of the suite. */
export class UnknownScenarioError extends TypeError {
  constructor(
    /** The entries that name nothing. */
    readonly unknown: readonly string[],
  ) {
    const groupNames = [...new Set(allScenarios.map((s) => s.group))];
    super(
      `no scenario or group is called ${unknown.map((u) => `"${u}"`).join(', ')}. ` +
        `Groups: ${groupNames.join(', ')}. Scenarios: ${allScenarios.map((s) => s.id).join(', ')}.`,
    );
    this.name = 'UnknownScenarioError';
  }
}

/**
 * The scenarios `only` selects by id or group, in running order (all of them without `only`).
 * @throws UnknownScenarioError naming every entry that matches nothing, and listing the valid ones.
 */
export function selectScenarios(only?: readonly string[]): GroupedScenario[] {
  if (only === undefined) return [...allScenarios];
  const names = new Set(allScenarios.flatMap((s) => [s.id, s.group]));
  const unknown = only.filter((entry) => !names.has(entry));
  if (unknown.length > 0) throw new UnknownScenarioError(unknown);
  const wanted = new Set(only);
  return allScenarios.filter((s) => wanted.has(s.id) || wanted.has(s.group));
}
