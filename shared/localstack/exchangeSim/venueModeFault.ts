import type { ExchangeFaultOptions } from './exchangeFault.js';

/** What `ballast sim venue VENUE MODE` can do to a venue; `ok` clears it. */
export const VENUE_MODES = ['ok', 'down', 'slow', 'stale', 'garbage', 'manipulate'] as const;
export type VenueMode = (typeof VENUE_MODES)[number];

/**
 * The simulator fault behind a user's venue mode: `down` answers HTTP 500 with the venue's error
 * body, `slow` holds every answer back (`amount` ms, default 2 s), `stale` dates books an hour back,
 * `garbage` cuts JSON bodies in half, `manipulate` quotes the venue `amount` (a fraction, default
 * 0.05) away from the others. `ok` is no fault (null).
 */
export function venueModeFault(mode: VenueMode, amount?: number): ExchangeFaultOptions | null {
  switch (mode) {
    case 'ok':
      return null;
    case 'down':
      return { kind: 'serverError' };
    case 'slow':
      return { kind: 'slow', delayMs: amount ?? 2_000 };
    case 'stale':
      return { kind: 'staleTimestamp' };
    case 'garbage':
      return { kind: 'truncatedJson' };
    case 'manipulate':
      return { kind: 'offPrice', offsetPct: amount ?? 0.05 };
  }
}
