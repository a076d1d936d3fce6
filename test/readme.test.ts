/**
 * The root README's quick starts are the package examples, verbatim; the packages'
 * own tests run those files (packages/client/test/readme.test.ts,
 * packages/handler/test/readme.test.ts), so what a newcomer copies is what runs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const repo = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, repo), 'utf8');
const readme = read('README.md');

describe('README.md', () => {
  it('starts with the two commands a newcomer runs', () => {
    const firstBlock = readme.split('```sh\n')[1]!.split('```')[0]!;
    expect(firstBlock).toContain('npm ci && npm run demo');
    expect(firstBlock).toContain('npm test');
  });

  it.each([
    ['the provider quick start', 'packages/client/examples/provider.ts'],
    ['the operator quick start', 'packages/handler/examples/operator.ts'],
    ['the observability set-up', 'examples/observability.ts'],
  ])('shows %s as the tested example file, verbatim', (_name, file) => {
    expect(readme).toContain(`\`\`\`ts\n${read(file).trimEnd()}\n\`\`\``);
  });
});
