/**
 * The packages under measurement, loaded by name from their built `dist` (what users
 * install), with the slice of their API the bench relies on. A package that is not
 * built or does not export what the bench needs is reported as "not measured: why",
 * never replaced by something else.
 */

/** `@tbb-wallet/handler` as the bench uses it (types from its source, code from its dist). */
export type HandlerPackage = typeof import('@tbb-wallet/handler');
/** `@tbb-wallet/client`. */
export type ClientPackage = typeof import('@tbb-wallet/client');
/** `@tbb-wallet/ledger`. */
export type LedgerPackage = typeof import('@tbb-wallet/ledger');
/** `@tbb-wallet/core`. */
export type CorePackage = typeof import('@tbb-wallet/core');

/** The outcome of loading a package: its module, or why it could not be used. */
export type Loaded<T> = { readonly ok: true; readonly mod: T } | { readonly ok: false; readonly why: string };

/**
 * Imports `@tbb-wallet/<name>` and checks that it exports the named functions.
 * The specifier is built at run time, so a package whose dist is missing becomes a
 * "not measured" line of the report rather than a crash of the whole bench.
 */
export async function loadPackage<T>(name: string, needs: readonly string[]): Promise<Loaded<T>> {
  const specifier = `@tbb-wallet/${name}`;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, why: `${specifier} could not be imported from its built dist (${reason})` };
  }
  const missing = needs.filter((fn) => typeof mod[fn] !== 'function');
  if (missing.length > 0) return { ok: false, why: `${specifier} does not export ${missing.join(', ')}` };
  return { ok: true, mod: mod as T };
}
