import { settleWithin } from '@tbb-wallet/core';
import { describe, expect, it } from 'vitest';

const timedOut = () => new Error('too late');

describe('settleWithin', () => {
  it('answers what arrives in time, and hands nothing to late', async () => {
    const late: string[] = [];
    expect(await settleWithin(Promise.resolve('conn'), 50, timedOut, (value) => late.push(value))).toBe('conn');
    expect(late).toEqual([]);
  });

  it('rejects at the deadline, and hands what arrives afterwards to late', async () => {
    const late: string[] = [];
    const pending = new Promise<string>((resolve) => setTimeout(() => resolve('conn'), 60));
    await expect(settleWithin(pending, 10, timedOut, (value) => late.push(value))).rejects.toThrow('too late');
    await pending;
    expect(late).toEqual(['conn']);
  });

  it("passes the pending promise's own rejection through, with nothing for late", async () => {
    const late: string[] = [];
    const refused = Promise.reject(new Error('ECONNREFUSED'));
    await expect(settleWithin(refused, 50, timedOut, (value) => late.push(value))).rejects.toThrow('ECONNREFUSED');
    expect(late).toEqual([]);
  });
});
