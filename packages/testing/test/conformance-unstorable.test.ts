/**
 * The unstorable-input scenarios pass against the sandbox behind the real handler, and
 * each fails against a wallet that stores such input the way PostgreSQL would without
 * the check: lone surrogates folded into U+FFFD, U+0000 dropped, long ids cut.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { conformanceScenarios, createSandboxWallet, runConformance } from '../src/index.ts';
import type { Served } from './serve.ts';
import { serveReparsedWallet, serveWallet } from './serve.ts';

const secret = 'conformance-secret';
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });
let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

const unstorableIds = conformanceScenarios()
  .map((s) => s.id)
  .filter((id) => id.startsWith('validation.unstorable-'));

/** What a database without the check keeps of a string. */
function stored(text: string): string {
  return new TextDecoder().decode(new TextEncoder().encode(text)).replaceAll('\u0000', '').slice(0, 255);
}

function storedValue(value: unknown): unknown {
  if (typeof value === 'string') return stored(value);
  if (Array.isArray(value)) return value.map(storedValue);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [stored(k), storedValue(v)]));
  return value;
}

describe('conformance: unstorable input', () => {
  it('has one scenario per case of issue 14', () => {
    expect(unstorableIds).toHaveLength(13);
  });

  it('passes against the sandbox behind the real handler', async () => {
    served = await serveWallet(secret, createSandboxWallet());
    const report = await runConformance({ url: served.url, secret, only: unstorableIds });
    expect(report.results.map((r) => [r.id, r.status])).toEqual(unstorableIds.map((id) => [id, 'passed']));
  });

  it('fails every one of them against a wallet that stores what it cannot keep apart', async () => {
    served = await serveReparsedWallet(secret, createSandboxWallet(), storedValue);
    const report = await runConformance({ url: served.url, secret, only: unstorableIds });
    expect(report.results.filter((r) => r.status === 'failed').map((r) => r.id)).toEqual(unstorableIds);
  });
});
