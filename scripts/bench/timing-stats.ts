/**
 * Two-sample tests for the timing check: Welch's t-test and the Kolmogorov–Smirnov
 * test, with p-values from their large-sample approximations (the check draws
 * thousands of samples per side, where both are accurate).
 */
import { median } from './stats.ts';

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function variance(values: readonly number[]): number {
  const m = mean(values);
  return values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1);
}

/** The standard normal CDF (Abramowitz–Stegun 7.1.26 erf, error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Welch's t-test: t, degrees of freedom and a two-sided p-value (normal approximation, fine for df > 100). */
export function welch(a: readonly number[], b: readonly number[]): { t: number; df: number; p: number } {
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const t = (mean(a) - mean(b)) / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return { t, df, p: 2 * (1 - normalCdf(Math.abs(t))) };
}

/** The two-sample Kolmogorov–Smirnov statistic D and its asymptotic p-value. */
export function kolmogorovSmirnov(a: readonly number[], b: readonly number[]): { d: number; p: number } {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < x.length && x[i]! <= v) i++;
    while (j < y.length && y[j]! <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  const ne = (x.length * y.length) / (x.length + y.length);
  const lambda = (Math.sqrt(ne) + 0.12 + 0.11 / Math.sqrt(ne)) * d;
  let p = 0;
  for (let k = 1; k <= 100; k++) p += 2 * (-1) ** (k - 1) * Math.exp(-2 * k * k * lambda * lambda);
  return { d, p: Math.min(1, Math.max(0, p)) };
}

/** What the check reports for one pair of distributions. */
export interface Comparison {
  readonly medianA: number;
  readonly medianB: number;
  readonly welch: ReturnType<typeof welch>;
  readonly ks: ReturnType<typeof kolmogorovSmirnov>;
}

/** Both tests and the medians of two samples. */
export function compare(a: readonly number[], b: readonly number[]): Comparison {
  return { medianA: median(a), medianB: median(b), welch: welch(a, b), ks: kolmogorovSmirnov(a, b) };
}
