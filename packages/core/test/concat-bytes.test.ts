/** `concatBytes`, shared by the handler's body readers and the client's bounded answer reader. */
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../src/index.ts';

describe('concatBytes', () => {
  it('joins chunks in order into one array of their total length', () => {
    const joined = concatBytes([Uint8Array.of(1, 2), Uint8Array.of(), Uint8Array.of(3), Uint8Array.of(4, 5, 6)], 6);

    expect([...joined]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('returns a single chunk as it is, without a copy', () => {
    const only = Uint8Array.of(7, 8);

    expect(concatBytes([only], 2)).toBe(only);
  });

  it('returns no bytes for no chunks', () => {
    expect(concatBytes([], 0)).toEqual(new Uint8Array(0));
  });

  it('joins subarray views by their own bytes, not their buffers', () => {
    const buffer = Uint8Array.of(9, 1, 2, 9, 3, 9);

    expect([...concatBytes([buffer.subarray(1, 3), buffer.subarray(4, 5)], 3)]).toEqual([1, 2, 3]);
  });
});
