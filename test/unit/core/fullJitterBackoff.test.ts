import { describe, expect, it } from 'vitest';
import { fullJitterBackoff } from '../../../shared/core/fullJitterBackoff.js';

describe('fullJitterBackoff', () => {
  it('scales the jitter by base · 2^attempt', () => {
    expect(fullJitterBackoff({ attempt: 0, baseMs: 100, maxMs: 2_000, random: () => 0.5 })).toBe(50);
    expect(fullJitterBackoff({ attempt: 3, baseMs: 100, maxMs: 2_000, random: () => 0.5 })).toBe(400);
  });

  it('never exceeds the cap, and reaches 0 with zero jitter', () => {
    expect(fullJitterBackoff({ attempt: 30, baseMs: 100, maxMs: 2_000, random: () => 0.999 })).toBeLessThan(
      2_000,
    );
    expect(fullJitterBackoff({ attempt: 5, baseMs: 100, maxMs: 2_000, random: () => 0 })).toBe(0);
  });
});
