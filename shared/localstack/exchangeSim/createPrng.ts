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
  let state = hashSeed(parts);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal: () => {
      const u = Math.max(next(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
  };
}
