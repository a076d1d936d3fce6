/**
 * Consistency: the wallet's books add up over the whole run.
 */
import type { Scenario } from '../probe.ts';

export const consistencyScenarios: Scenario[] = [
  {
    id: 'consistency.balance',
    title: 'the balance equals the opening balance plus every accepted movement of the run',
    run: (p) => p.balanceIsTracked(),
  },
  {
    id: 'consistency.operator-ids',
    title: 'every accepted movement got its own operator transaction id',
    run: async (p) => {
      const { operatorIds, collisions } = p.run;
      p.sent.push(`(the run's ${operatorIds.size + collisions.length} accepted movements)`);
      p.check(collisions.length === 0, 'one operator id per movement', collisions.join('; ') || 'none shared');
    },
  },
];
