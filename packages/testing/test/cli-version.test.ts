/**
 * `tbb-wallet --version` prints the version of the package it was built from, not a
 * number written into the source.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createProgram } from '../src/cli/program.ts';
import { assertBuilt, runCli } from './cli-process.ts';

vi.mock('../package.json', () => ({ default: { version: '9.8.7-next.1' } }));
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('tbb-wallet --version', () => {
  beforeAll(assertBuilt);

  it("prints package.json's version from the built CLI and exits 0", async () => {
    expect(await runCli(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('takes the version from package.json, whatever it says', () => {
    expect(createProgram().version()).toBe('9.8.7-next.1');
  });
});
