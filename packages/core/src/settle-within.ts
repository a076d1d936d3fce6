/**
 * A wait with a deadline that leaks nothing: the ledger's and the outbox's wait for a pooled
 * database connection both use it.
 */

/**
 * `pending`'s value, or a rejection with `timedOut()` once `ms` have passed. A value that
 * arrives after the deadline goes to `late` (a connection handed back to its pool), so nothing
 * the caller gave up on stays checked out.
 */
export async function settleWithin<T>(
  pending: Promise<T>,
  ms: number,
  timedOut: () => Error,
  late: (value: T) => void,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut()), ms);
  });
  try {
    return await Promise.race([pending, expired]);
  } catch (error) {
    pending.then(late, () => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
