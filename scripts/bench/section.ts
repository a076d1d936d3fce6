/**
 * What each bench returns to the report: tables, goals checked against a baseline of
 * the same run, notes, and the command that reruns it alone.
 */

/** A table of the report: a header row and rows of already formatted cells. */
export interface Table {
  readonly title?: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** A goal: a ratio (or an absolute figure) against its target. */
export interface Goal {
  /** What is compared, e.g. `requests/s vs bare node:http`. */
  readonly name: string;
  readonly value: number;
  /** The target: `value >= target` for `at-least`, `value <= target` for `at-most`. */
  readonly target: number;
  readonly kind: 'at-least' | 'at-most';
  /** The unit shown after the value and target, e.g. `×` or ` MB`. */
  readonly unit: string;
}

/** Whether a goal is met. */
export function met(goal: Goal): boolean {
  return goal.kind === 'at-least' ? goal.value >= goal.target : goal.value <= goal.target;
}

/** One section of BENCHMARKS.md. */
export interface Section {
  readonly title: string;
  /** What is measured and against what, one short paragraph. */
  readonly what: string;
  /** The command that reruns this section alone. */
  readonly rerun: string;
  readonly tables: readonly Table[];
  readonly goals: readonly Goal[];
  /** Extra lines: findings, profiles of missed goals, fixes. */
  readonly notes: readonly string[];
  /** Set when the section could not be measured, with why. Nothing else is shown then. */
  readonly notMeasured?: string;
}

/** A section that could not be measured, saying why. */
export function notMeasured(title: string, rerun: string, why: string): Section {
  return { title, what: '', rerun, tables: [], goals: [], notes: [], notMeasured: why };
}
