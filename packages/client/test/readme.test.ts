/**
 * The README's provider example is `examples/provider.ts`, verbatim, and it runs
 * against a real HTTP operator on 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { playRound } from '../examples/provider.ts';
import type { HttpOperator } from './http-operator.ts';
import { startHttpOperator } from './http-operator.ts';

const secret = 'readme-example-secret';
let operator: HttpOperator | undefined;
afterEach(() => operator?.close());

describe('the README example', () => {
  it('is examples/provider.ts, verbatim', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../examples/provider.ts', import.meta.url), 'utf8');

    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\`\n`);
  });

  it('plays a round: bet 100, win 250', async () => {
    operator = await startHttpOperator(secret, 10_000, '/api/tbb/wallet');

    await expect(playRound(operator.url, secret)).resolves.toEqual({ outcome: 'won', before: 10_000, after: 10_150 });
    expect(operator.bodies.map((body) => JSON.parse(body).action)).toEqual(['balance', 'bet', 'win']);
  });

  it('tells a player without enough money', async () => {
    operator = await startHttpOperator(secret, 50);

    await expect(playRound(operator.url, secret)).resolves.toEqual({
      outcome: 'not enough money',
      before: 50,
      after: 50,
    });
  });
});
