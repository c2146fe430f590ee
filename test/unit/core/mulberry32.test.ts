import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../shared/core/mulberry32.js';

const draw = (next: () => number, count: number): number[] => Array.from({ length: count }, next);

describe('mulberry32', () => {
  it('replays the same sequence for the same seed, and another for another seed', () => {
    expect(draw(mulberry32(42), 1_000)).toEqual(draw(mulberry32(42), 1_000));
    expect(draw(mulberry32(42), 10)).not.toEqual(draw(mulberry32(43), 10));
  });

  it('seeds with the low 32 bits of the number', () => {
    expect(draw(mulberry32(2 ** 32 + 7), 10)).toEqual(draw(mulberry32(7), 10));
    expect(draw(mulberry32(-1), 10)).toEqual(draw(mulberry32(2 ** 32 - 1), 10));
  });

  it('stays in [0, 1) and is close to uniform (deciles within 1 % of 10 % over 200,000 draws)', () => {
    const values = draw(mulberry32(1), 200_000);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const deciles = new Array<number>(10).fill(0);
    for (const value of values) deciles[Math.floor(value * 10)] = (deciles[Math.floor(value * 10)] ?? 0) + 1;
    for (const count of deciles) expect(Math.abs(count / values.length - 0.1)).toBeLessThan(0.01);
  });
});
