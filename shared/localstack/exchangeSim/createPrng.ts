import { mulberry32 } from '../../core/mulberry32.js';

/** A deterministic pseudo-random source: `next()` uniform in [0, 1), `normal()` standard normal. */
export interface Prng {
  next(): number;
  normal(): number;
}

/** FNV-1a of the parts joined: a stable 32-bit seed per (seed, asset, venue, …). */
function hashSeed(parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('|')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32, seeded from the hashed parts; normal deviates by Box–Muller. Not cryptographic. */
export function createPrng(...parts: readonly (string | number)[]): Prng {
  const next = mulberry32(hashSeed(parts));
  return {
    next,
    normal: () => {
      const u = Math.max(next(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
  };
}
