/** One public entry of a package: an `exports` subpath with a `source` condition. */
export interface PackageEntry {
  /** The package's name, e.g. `@tbb-wallet/handler`. */
  readonly packageName: string;
  /** What a user imports, e.g. `@tbb-wallet/handler/fastify`. */
  readonly specifier: string;
  /** The TypeScript source of the entry, relative to the package directory. */
  readonly source: string;
  /** The built file's name under `dist/` without extension, e.g. `fastify`. */
  readonly distName: string;
}

/** A {@link PackageEntry} of a workspace package, `source` relative to the repo root. */
export interface WorkspaceEntry extends PackageEntry {
  /** The package directory relative to the repo root, e.g. `packages/handler`. */
  readonly dir: string;
}

export function packageEntries(packageDir: string): PackageEntry[];
export function buildEntries(packageDir: string): Record<string, string>;
export function workspaceDirs(repoRoot: string): string[];
export function workspaceEntries(repoRoot: string): WorkspaceEntry[];
