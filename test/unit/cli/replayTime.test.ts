import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../shared/core/time.js';
import { REPLAY_SCENARIOS } from '../../../shared/cli/options/parseReplay.js';
import { parseSpeed } from '../../../shared/cli/options/parseSpeed.js';
import { replayTime, type ReplayClock } from '../../../shared/cli/replayTime.js';

const luna = REPLAY_SCENARIOS['luna-2022']!;
const window = {
  fromMs: Date.parse(`${luna.from}T00:00:00Z`),
  toMs: Date.parse(`${luna.to}T00:00:00Z`),
  name: 'luna-2022',
};

/** The cycles of a whole replay when every cycle takes `cycleMs` of real time (no wall clock read). */
function cycles(clock: ReplayClock, cycleMs: number): number[] {
  const times: number[] = [];
  for (let cycle = 1; ; cycle++) {
    const previousMs = times.at(-1);
    const t = replayTime(clock, {
      cycle,
      elapsedMs: (cycle - 1) * cycleMs,
      ...(previousMs === undefined ? {} : { previousMs }),
    });
    if (t === undefined) return times;
    times.push(t);
  }
}

describe('replayTime: the simulated clock of `ballast run --replay`', () => {
  it('--replay luna-2022 --speed 1h/s: real time × 3600, one new hour at least per cycle, to the end of the window', () => {
    const speed = parseSpeed('--speed', '1h/s');
    expect(speed).toBe(3600);
    // Cycles of 5 real seconds: 5 simulated hours apart (the speed), from the first day to the last.
    const fast = cycles({ window, speed }, 5_000);
    expect(fast[0]).toBe(window.fromMs);
    expect(new Set(fast.slice(1).map((t, i) => t - fast[i]!))).toEqual(new Set([5 * HOUR_MS]));
    expect(fast.at(-1)).toBeLessThanOrEqual(window.toMs);
    expect(window.toMs - fast.at(-1)!).toBeLessThan(5 * HOUR_MS);
    expect(fast).toHaveLength(Math.floor((window.toMs - window.fromMs) / (5 * HOUR_MS)) + 1);
    // Cycles faster than the speed: never the same hour twice, one hour apart.
    const slow = cycles({ window, speed }, 100);
    expect(new Set(slow.slice(1).map((t, i) => t - slow[i]!))).toEqual(new Set([HOUR_MS]));
    expect(slow).toHaveLength((window.toMs - window.fromMs) / HOUR_MS + 1);
  });

  it('--step: exactly one step per cycle, whatever the real time, and nothing past the window', () => {
    const day = 24 * HOUR_MS;
    const days = cycles({ window, speed: 3600, stepMs: day }, 60_000);
    expect(days).toEqual(Array.from({ length: 17 }, (_, i) => window.fromMs + i * day));
    expect(replayTime({ window, speed: 3600, stepMs: day }, { cycle: 18, elapsedMs: 0 })).toBeUndefined();
  });
});
