/**
 * A misspelt option (`retries` for `retry`, `maxBodyByte`) is ignored by JavaScript and by
 * TypeScript for an options object built elsewhere: the default silently applies. Each
 * factory names it instead, with the option it most likely meant.
 */

/** The edit distance between two short names (insertions, deletions, substitutions). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The known name closest to `name`, when it is close enough to be a typo of it: a few edits
 * away (a third of its length, at least 2), or the one's stem the other's (`retries`, `retry`).
 */
function nearest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of known) {
    const stem = Math.min(name.length, candidate.length) - 1;
    const shared = stem >= 3 && name.slice(0, stem).toLowerCase() === candidate.slice(0, stem).toLowerCase();
    const d = shared ? 1 : distance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/**
 * Refuses an options object holding a key that is not one of `known` (keys whose value is
 * `undefined` included: `{ retries: undefined }` is still a typo).
 *
 * @param where - the function the options were given to, for the message (`createWalletClient`).
 * @param known - every option name, e.g. `{ baseUrl: true, secret: true } satisfies Record<keyof Options, true>`,
 *   so the compiler keeps the list and the options type equal.
 * @throws TypeError naming the unknown option, the one it most likely meant, and the known ones.
 */
export function assertKnownOptions(where: string, options: object, known: Readonly<Record<string, true>>): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${where} takes its options as one object: ${where}({ ${Object.keys(known)[0]}, … }).`);
  }
  for (const name of Object.keys(options)) {
    if (Object.hasOwn(known, name)) continue;
    const names = Object.keys(known);
    const meant = nearest(name, names);
    throw new TypeError(
      `${where}: unknown option \`${name}\`${meant ? ` — did you mean \`${meant}\`?` : '.'} ` +
        `Its options are: ${names.join(', ')}.`,
    );
  }
}

/**
 * Refuses hooks of the wrong type, which would otherwise fail unseen: each package ignores
 * what a hook throws, so an `onError: 'log'` would never report anything, and a `telemetry`
 * without the method the package calls would throw where no caller can catch it.
 *
 * @param where - the function the options were given to, for the message (`createWalletHandler`).
 * @param hooks - the options that, when given (not `undefined`), must be functions.
 * @param telemetryMethod - the method a given `telemetry` must have (`startCall`, `start`).
 * @throws TypeError naming the option and what it must be.
 */
export function assertHookOptions(
  where: string,
  options: object,
  hooks: readonly string[],
  telemetryMethod?: string,
): void {
  const given = options as Readonly<Record<string, unknown>>;
  for (const name of hooks) {
    const hook = given[name];
    if (hook !== undefined && typeof hook !== 'function') {
      throw new TypeError(`${where}: \`${name}\` must be a function, not ${typeName(hook)}.`);
    }
  }
  const telemetry = given.telemetry as Record<string, unknown> | null | undefined;
  if (telemetryMethod === undefined || telemetry === undefined) return;
  if (typeof telemetry?.[telemetryMethod] !== 'function') {
    throw new TypeError(
      `${where}: \`telemetry\` must be an object with a ${telemetryMethod}() method, such as the one the ` +
        "package's /opentelemetry entry makes from @opentelemetry/api; leave it out for none.",
    );
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * The longest time bound a timer can hold, in ms: 2^31−1 (about 24.8 days). Node's `setTimeout`
 * fires a longer one after 1 ms, and PostgreSQL refuses a longer `statement_timeout`: a bound above
 * it would fail every call at once instead of waiting longer.
 */
export const maxTimerMs = 2_147_483_647;

/** The message of a time bound above {@link maxTimerMs}: `name` is the option as the caller wrote it. */
export function timerBoundMessage(name: string, value: number): string {
  return `${name} must be at most ${maxTimerMs} ms (24.8 days), not ${value}: a longer timer fires at once.`;
}

/**
 * A group of time bounds (the ledger's `timeouts`, the outbox's `databaseTimeouts`): the
 * defaults with the caller's overrides.
 *
 * @param where - the option, for the messages: `createLedger({ timeouts })`.
 * @throws TypeError — an unknown key, named with the one it most likely meant.
 * @throws RangeError — a value that is not a whole number of milliseconds above 0, or above {@link maxTimerMs}.
 */
export function resolveMilliseconds<K extends string>(
  where: string,
  defaults: Readonly<Record<K, number>>,
  given: Partial<Record<K, number>> | undefined,
): Record<K, number> {
  const resolved = { ...defaults } as Record<K, number>;
  if (given === undefined) return resolved;
  assertKnownOptions(where, given, Object.fromEntries(Object.keys(defaults).map((key) => [key, true])));
  for (const [key, value] of Object.entries(given) as [K, number | undefined][]) {
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(`${where}: ${key} must be a whole number of milliseconds above 0.`);
    }
    if (value > maxTimerMs) throw new RangeError(timerBoundMessage(`${where}: ${key}`, value));
    resolved[key] = value;
  }
  return resolved;
}
