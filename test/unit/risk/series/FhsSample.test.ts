import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../../shared/core/time.js';
import { standardisedDrop } from '../../../../shared/risk/quantile/standardisedDrop.js';
import { FhsSample } from '../../../../shared/risk/series/FhsSample.js';

/** Columns of a random hourly history with runs of missing hours (some longer than any horizon here). */
function history(
  seed: number,
  hours: number,
): { ts: Float64Array; close: Float64Array; varModel: Float64Array } {
  let state = seed;
  const random = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const ts = new Float64Array(hours);
  const close = new Float64Array(hours);
  const varModel = new Float64Array(hours);
  let at = 0;
  let price = 100;
  for (let k = 0; k < hours; k++) {
    // Mostly the next hour; sometimes a gap of 1-3 hours, rarely one of 30-80.
    const r = random();
    at += 1 + (r < 0.05 ? 1 + Math.floor(random() * 3) : r < 0.06 ? 30 + Math.floor(random() * 50) : 0);
    ts[k] = at * HOUR_MS;
    // Ties on purpose: closes on a coarse grid, so equal minimums occur.
    price = Math.max(1, price * (1 + (random() - 0.5) * 0.04));
    close[k] = Math.round(price * 4) / 4;
    varModel[k] = k < 10 ? Number.NaN : 1e-4 * (0.5 + random());
  }
  return { ts, close, varModel };
}

/** The sample from scratch: every start whose cutoff has passed by t, its window minimum by a plain scan. */
function naive(h: ReturnType<typeof history>, H: number, cutoff: number, t: number): Float64Array {
  const zs: number[] = [];
  for (let i = 0; i <= t && h.ts[i]! + cutoff * HOUR_MS <= h.ts[t]!; i++) {
    if (!(h.varModel[i]! > 0)) continue;
    let min = Number.POSITIVE_INFINITY;
    for (let j = i + 1; j <= t && h.ts[j]! <= h.ts[i]! + H * HOUR_MS; j++) min = Math.min(min, h.close[j]!);
    if (min === Number.POSITIVE_INFINITY) continue;
    zs.push(
      standardisedDrop({
        close: h.close[i]!,
        minCloseAhead: min,
        sigma: Math.sqrt(h.varModel[i]!),
        horizonHours: H,
      }),
    );
  }
  return Float64Array.from(zs).sort();
}

describe('FhsSample: the standardised drops of every closed window', () => {
  it.each([
    [1, 1, 1],
    [5, 24, 2],
    [24, 24, 3],
    [24, 72, 4],
    [72, 72, 5],
  ])(
    'H = %i h, cutoff %i h: the same sample as a plain scan, caught up in steps and across a restore (seed %i)',
    (H, cutoff, seed) => {
      const h = history(seed, 1500);
      let sample = new FhsSample(H, cutoff);
      let t = 0;
      let step = 0;
      while (t < h.ts.length - 1) {
        // Uneven catch-ups: one hour at a time, then bursts of up to 200.
        t = Math.min(h.ts.length - 1, t + (step % 3 === 0 ? 1 + ((step * 37) % 200) : 1));
        step += 1;
        sample.catchUp(h.ts, h.close, h.varModel, t);
        if (step % 7 === 0) sample.quantile(0.99); // tracked from here on
        if (step % 50 === 0) {
          // A checkpoint: the restored sample starts its window minimum afresh.
          sample = FhsSample.fromState(sample.toState(), sample.sortedValues());
        }
        if (step % 5 === 0 || t === h.ts.length - 1)
          expect(sample.sortedValues()).toEqual(naive(h, H, cutoff, t));
      }
      expect(sample.count).toBeGreaterThan(1000);
    },
  );
});
