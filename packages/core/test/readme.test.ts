/**
 * The README's examples are `examples/sign-and-verify.ts` and `examples/decide-a-refund.ts`,
 * verbatim, and they run; the README's error table is the one the code answers with.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decision, keys } from '../examples/decide-a-refund.ts';
import { signAndVerify } from '../examples/sign-and-verify.ts';
import { walletErrorMessages } from '../src/index.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the core README', () => {
  it('shows examples/sign-and-verify.ts verbatim, and it runs', async () => {
    const example = readFileSync(new URL('../examples/sign-and-verify.ts', import.meta.url), 'utf8');
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\`\n`);
    const result = await signAndVerify('readme-secret');
    expect(result).toMatchObject({ genuine: true, tampered: false, valid: true });
    expect(result.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(result.refusal).toBe("Forbidden. Request sign doesn't match.");
  });

  it('lists every error code with the message the code answers', () => {
    for (const [code, message] of Object.entries(walletErrorMessages)) {
      expect(readme).toMatch(new RegExp(`\\| ${code} +\\| ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +\\|`));
    }
  });

  it('links nothing outside the package (no repository, no ../ paths)', () => {
    expect(readme).not.toMatch(/\]\((?!https:\/\/|#)/);
  });

  it('shows examples/decide-a-refund.ts verbatim', () => {
    const example = readFileSync(new URL('../examples/decide-a-refund.ts', import.meta.url), 'utf8');
    expect(readme).toContain(`\`\`\`ts\n${example.trimEnd()}\n\`\`\``);
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
