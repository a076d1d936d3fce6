/**
 * OpenTelemetry is an optional peer: no built file of the client, the handler, the ledger or
 * the outbox loads it,
 * the `opentelemetry` entries included (they use the api module the user passes in and
 * import it as types only), so a program without `@opentelemetry/api` installed runs.
 * Reads the build (`npm test` builds first).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const built = ['client', 'handler', 'ledger', 'outbox'].flatMap((name) => {
  const dist = fileURLToPath(new URL(`../packages/${name}/dist/`, import.meta.url));
  return readdirSync(dist)
    .filter((file) => /\.(c?js)$/.test(file))
    .map((file) => [`${name}/dist/${file}`, `${dist}${file}`] as const);
});

describe('no OpenTelemetry import in the built packages', () => {
  it('finds the built entries, the opentelemetry ones included', () => {
    const names = built.map(([name]) => name);
    for (const entry of ['client/dist/index.js', 'client/dist/node.js', 'client/dist/opentelemetry.js'])
      expect(names).toContain(entry);
    for (const entry of ['handler/dist/index.js', 'handler/dist/index.cjs', 'handler/dist/opentelemetry.cjs'])
      expect(names).toContain(entry);
    for (const entry of ['ledger/dist/opentelemetry.js', 'outbox/dist/index.js', 'outbox/dist/opentelemetry.js'])
      expect(names).toContain(entry);
  });

  it.each(built)('%s', (_name, path) => {
    expect(readFileSync(path, 'utf8')).not.toMatch(/@opentelemetry\//);
  });
});
