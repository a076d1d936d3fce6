/**
 * The README shows the example a test runs (packages/testing/test/outbox-cli.test.ts runs
 * examples/pay-wins.ts against `tbb-wallet sandbox --faults …`), verbatim.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

it('README.md shows examples/pay-wins.ts verbatim', () => {
  expect(read('README.md')).toContain(`\`\`\`ts\n${read('examples/pay-wins.ts').trimEnd()}\n\`\`\``);
});
