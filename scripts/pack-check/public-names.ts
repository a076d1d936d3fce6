/**
 * The public names of each entry point, read from its source's re-exports, split into values and types, and the TypeScript consumer
 * that imports every one of them from the installed packages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workspaceEntries } from '../workspace-entries.mjs';

/**
 * The entry points a user imports, and the source file that lists each one's exports:
 * every `exports` subpath with a `source` condition, in every workspace package.
 */
export const entries: readonly { specifier: string; source: string }[] = workspaceEntries(
  fileURLToPath(new URL('../../', import.meta.url)),
);

export interface PublicNames {
  specifier: string;
  values: string[];
  types: string[];
}

/** `export { a, type B } from`, `export type { C } from`, `export const d`, `export interface E`, … */
function namesIn(text: string): { values: string[]; types: string[] } {
  const values: string[] = [];
  const types: string[] = [];
  for (const [, typeOnly, list] of text.matchAll(/export (type )?\{([^}]*)\}/g)) {
    for (const item of list!
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const isType = Boolean(typeOnly) || item.startsWith('type ');
      const name = item
        .replace(/^type /, '')
        .split(/\s+as\s+/)
        .pop()!;
      (isType ? types : values).push(name);
    }
  }
  for (const [, kind, name] of text.matchAll(/^export (const|function|class|interface|type) (\w+)/gm)) {
    (kind === 'interface' || kind === 'type' ? types : values).push(name!);
  }
  return { values, types };
}

/** Every entry's public names, read from the sources under `root`. */
export function publicNames(root: string): PublicNames[] {
  return entries.map(({ specifier, source }) => ({
    specifier,
    ...namesIn(readFileSync(join(root, source), 'utf8')),
  }));
}

/** A consumer importing every public name; it type-checks only if each one is there. */
export function typesConsumer(names: readonly PublicNames[]): string {
  // Packages share some names (client and handler each have BadRequestError): alias them apart.
  const local = (entry: number, name: string) => `${name}$${entry}`;
  const lines = names.map(({ specifier, values, types }, entry) => {
    const imported = [
      ...values.map((v) => `${v} as ${local(entry, v)}`),
      ...types.map((t) => `type ${t} as ${local(entry, t)}`),
    ].join(', ');
    return `import { ${imported} } from '${specifier}';`;
  });
  const values = names.flatMap((n, entry) => n.values.map((v) => local(entry, v)));
  return [
    ...lines,
    `export const everyValue = [${values.join(', ')}] as const;`,
    // a few of the generated protocol types, which core re-exports with `export type *`
    "import type { BalanceRequest, BalanceResponse, BetRequest, TransactionResponse, WalletRequest } from '@tbb-wallet/core';",
    'export type Requests = [BalanceRequest, BetRequest, TransactionResponse, WalletRequest];',
    "import { createWalletClient, type WalletClient } from '@tbb-wallet/client';",
    "import { createWalletHandler, type WalletHandler } from '@tbb-wallet/handler';",
    "import { createSandboxWallet } from '@tbb-wallet/testing';",
    "const client: WalletClient = createWalletClient({ baseUrl: 'http://127.0.0.1:1/wallet', secret: 's' });",
    "export const balance: Promise<BalanceResponse> = client.balance({ player_id: '6', currency_code: 'EUR', is_mobile: false, reference: 'g', session_token: 't' });",
    "export const handle: WalletHandler = createWalletHandler({ secret: 's', wallet: createSandboxWallet() });",
    '',
  ].join('\n');
}
