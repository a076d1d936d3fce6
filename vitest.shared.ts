/**
 * What every vitest project shares: the workspace packages resolve to their
 * TypeScript sources, so tests run against the public entry points without a build.
 * The aliases come from each package's `exports` (its `source` conditions), through
 * scripts/workspace-entries.mjs: a new entry point needs no line here.
 */
import { fileURLToPath } from 'node:url';
import type { ViteUserConfig } from 'vitest/config';
import { workspaceEntries } from './scripts/workspace-entries.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

export const workspaceAlias: Record<string, string> = Object.fromEntries(
  workspaceEntries(root)
    // Subpath entries first, so they match before their package's main entry.
    .sort((a, b) => b.specifier.length - a.specifier.length)
    .map(({ specifier, source }) => [specifier, `${root}${source}`]),
);

/** The config of one project: its name, and the shared alias. */
export function projectConfig(name: string, test: NonNullable<ViteUserConfig['test']> = {}): ViteUserConfig {
  return {
    resolve: { alias: workspaceAlias },
    test: { name, include: ['**/*.test.ts'], exclude: ['**/node_modules/**', '**/dist/**'], ...test },
  };
}
