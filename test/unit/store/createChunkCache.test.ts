import { describe, expect, it } from 'vitest';
import { createChunkCache } from '../../../shared/store/createChunkCache.js';

const chunks = (n: number, values = 256): Float64Array[] =>
  Array.from({ length: n }, () => new Float64Array(values));

describe('createChunkCache', () => {
  it('keeps at most its byte budget, dropping the least recently used column first', () => {
    const cache = createChunkCache(3 * 2048); // three 256-value chunks
    cache.set('a', chunks(1));
    cache.set('b', chunks(1));
    cache.set('c', chunks(1));
    expect(cache.get('a')).toHaveLength(1); // a is now the most recently used
    cache.set('d', chunks(1)); // over budget: b (least recently used) goes
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toHaveLength(1);
    expect(cache.get('c')).toHaveLength(1);
    expect(cache.get('d')).toHaveLength(1);
  });

  it('counts a column again when it grows, and keeps the column just set even alone over budget', () => {
    const cache = createChunkCache(2 * 2048);
    cache.set('a', chunks(1));
    cache.set('b', chunks(1));
    cache.set('a', chunks(2)); // a grew: b goes, a stays
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toHaveLength(2);
    cache.set('c', chunks(3)); // larger than the budget alone: everything else goes, c stays
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toHaveLength(3);
  });
});
