/**
 * The README's example is examples/decide-a-refund.ts, verbatim; this test holds the
 * README to it and checks the decision its comments describe.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decision, keys } from '../examples/decide-a-refund.ts';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('README', () => {
  it('includes examples/decide-a-refund.ts verbatim', () => {
    expect(read('../README.md')).toContain(`\`\`\`ts\n${read('../examples/decide-a-refund.ts').trimEnd()}\n\`\`\``);
  });
});

describe('examples/decide-a-refund.ts', () => {
  it('names the facts to read', () => {
    expect(keys).toEqual({
      stored: { action: 'refund', transactionId: 'rf-1' },
      original: { action: 'bet', transactionId: 'bet-1' },
      tombstone: { action: 'bet', transactionId: 'bet-1' },
    });
  });

  it('moves the original 300 back, to 1000, and buries bet-1', () => {
    expect(decision).toMatchObject({
      kind: 'move',
      movement: 300,
      balance: 1000,
      record: { action: 'refund', transactionId: 'rf-1', amount: 9999, movement: 300, originalTransactionId: 'bet-1' },
      bury: { action: 'bet', transactionId: 'bet-1', namedBy: 'rf-1' },
    });
  });
});
