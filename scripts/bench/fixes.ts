/**
 * What would fix a missed goal, keyed by the hot functions a profile names. Only the
 * suggestions whose function is in the profile's top list are printed.
 */
import type { Hotspots } from './profile.ts';

const suggestions: Record<string, string> = {
  writev:
    'socket writes: send each answer in one write — give it a `content-length` (no chunked framing), as the bare server does.',
  writeBuffer:
    'database socket writes (one per query): fewer round trips per win, e.g. one statement or a server-side function per win.',
  parseDigestHex:
    'decoding the signature: use `Buffer.from(signature, "hex")` (native) where `node:crypto` is available.',
  createAbortSignal: 'an `AbortController` per call: create it only when a callback reads `context.signal`.',
  '(garbage collector)':
    'allocation per call: fewer intermediate objects (info/context/event objects, header spreads).',
};

/** The suggestions for the hot functions of a profile, as Markdown lines. */
export function fixLines(spots: Hotspots): string[] {
  const names = new Set(spots.top.map((s) => s.name));
  const lines = Object.entries(suggestions)
    .filter(([name]) => names.has(name))
    .map(([name, fix]) => `  - \`${name}\` → ${fix}`);
  return lines.length > 0 ? ['What would fix it:', ...lines] : [];
}
