import { describe, expect, it, vi } from 'vitest';
import { createLimiter } from '../../../../shared/market/http/createLimiter.js';
import { parseRetryAfter } from '../../../../shared/market/http/parseRetryAfter.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    ['2', 2000],
    ['0', 0],
    ['0.5', 500],
    ['Thu, 01 Jan 2026 00:00:30 GMT', 30_000],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0],
  ])('%j → %i ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
  it.each([undefined, '', 'soon', 42])('%j → undefined', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe('createLimiter', () => {
  it('never runs more than `limit` tasks at once and runs them all, in order of arrival', async () => {
    const limiter = createLimiter(2);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    // Node 20 has no Promise.withResolvers: a gate is a promise and its resolver.
    const gates = Array.from({ length: 6 }, () => {
      let resolve = () => {};
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve: () => resolve() };
    });
    const runs = gates.map((gate, i) =>
      limiter.run(async () => {
        started.push(i);
        active += 1;
        peak = Math.max(peak, active);
        await gate.promise;
        active -= 1;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    for (const gate of gates) {
      gate.resolve();
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });

  it('frees its slot when a task throws', async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run(async () => 'next')).toBe('next');
  });

  it('spaces task starts by minIntervalMs, in arrival order', async () => {
    // Fake clock: the spacing is asserted on the limiter's own time, not on a loaded machine's.
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    try {
      const limiter = createLimiter(4, 40);
      const starts: number[] = [];
      const all = Promise.all(
        [0, 1, 2].map((i) =>
          limiter.run(async () => {
            starts.push(i, Date.now());
          }),
        ),
      );
      await vi.advanceTimersByTimeAsync(200);
      await all;
      const [i0, t0, i1, t1, i2, t2] = starts as [number, number, number, number, number, number];
      expect([i0, i1, i2]).toEqual([0, 1, 2]);
      expect(t1 - t0).toBeGreaterThanOrEqual(40);
      expect(t2 - t1).toBeGreaterThanOrEqual(40);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects a limit below 1', () => {
    expect(() => createLimiter(0)).toThrow(/concurrency must be an integer >= 1, got 0/);
  });
});
