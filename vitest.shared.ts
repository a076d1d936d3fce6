/**
 * What every vitest project shares: the workspace packages resolve to their
 * TypeScript sources, so tests run against the public entry points without a build.
 */
import { fileURLToPath } from 'node:url';
import type { ViteUserConfig } from 'vitest/config';

const packages = ['core', 'client', 'handler', 'testing', 'ledger', 'outbox'] as const;

export const workspaceAlias: Record<string, string> = {
  // Subpath entries first, so they match before their package's main entry.
  '@tbb-wallet/handler/fastify': fileURLToPath(new URL('./packages/handler/src/adapters/fastify.ts', import.meta.url)),
  ...Object.fromEntries(
    packages.map((name) => [
      `@tbb-wallet/${name}`,
      fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url)),
    ]),
  ),
};

/** The config of one project: its name, and the shared alias. */
export function projectConfig(name: string, test: NonNullable<ViteUserConfig['test']> = {}): ViteUserConfig {
  return {
    resolve: { alias: workspaceAlias },
    test: { name, include: ['**/*.test.ts'], exclude: ['**/node_modules/**', '**/dist/**'], ...test },
  };
}
