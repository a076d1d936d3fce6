/**
 * Rounds, medians and ranges: every figure of the bench is measured in rounds that
 * alternate baseline and subject, so a slow moment of the machine hits both sides.
 */

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A figure measured in several rounds: the median and the range. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly rounds: readonly number[];
}

/** The median, min and max of the rounds. */
export function spread(rounds: readonly number[]): Spread {
  return { median: median(rounds), min: Math.min(...rounds), max: Math.max(...rounds), rounds };
}

/**
 * Runs `rounds` rounds of each side, alternating baseline then subject, and returns
 * what each round measured. Both sides get one warm-up round first, not recorded.
 */
export async function alternate<B, S>(
  rounds: number,
  baseline: () => Promise<B>,
  subject: () => Promise<S>,
  warmUp = true,
): Promise<{ baseline: B[]; subject: S[] }> {
  if (warmUp) {
    await baseline();
    await subject();
  }
  const out: { baseline: B[]; subject: S[] } = { baseline: [], subject: [] };
  for (let i = 0; i < rounds; i++) {
    out.baseline.push(await baseline());
    out.subject.push(await subject());
  }
  return out;
}

/** Formats a number with a fixed count of decimals and thin grouping of thousands. */
export function fmt(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** `median (min–max)` of a spread. */
export function fmtSpread(s: Spread, decimals = 0): string {
  return `${fmt(s.median, decimals)} (${fmt(s.min, decimals)}–${fmt(s.max, decimals)})`;
}
