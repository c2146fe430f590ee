import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { jsonAttribute } from '../../../shared/store/jsonAttribute.js';
import { readJsonAttribute } from '../../../shared/store/readJsonAttribute.js';

describe('jsonAttribute / readJsonAttribute', () => {
  const value = { ltBps: 8_853, sigma: 0.005695984405891387, tiny: 5e-324, neg: -0, list: [1, null, 'x'] };
  // JSON writes −0 as 0, as the canonical hash does.
  const read = { ...value, neg: 0 };

  it('round-trips every double exactly through the Brotli attribute', () => {
    const item: Record<string, unknown> = { asset: 'ETH', ...jsonAttribute('record', value) };
    expect(Object.keys(item)).toEqual(['asset', 'recordBr']);
    expect(item.recordBr).toBeInstanceOf(Uint8Array);
    const back = readJsonAttribute(item, 'record') as typeof value;
    expect(back).toEqual(read);
    expect(Object.is(back.sigma, value.sigma)).toBe(true);
    expect(back.tiny).toBe(5e-324);
  });

  it('reads items written before: gzip (`<name>Gz`) and plain JSON text (`<name>`)', () => {
    expect(readJsonAttribute({ recordGz: gzipSync(JSON.stringify(value)) }, 'record')).toEqual(read);
    expect(readJsonAttribute({ record: JSON.stringify(value) }, 'record')).toEqual(read);
    expect(readJsonAttribute({ asset: 'ETH' }, 'config')).toBeUndefined();
  });

  it('prefers the newest form when an item holds several', () => {
    const item = {
      record: '{"form":"plain"}',
      recordGz: gzipSync('{"form":"gzip"}'),
      recordBr: brotliCompressSync('{"form":"brotli"}'),
    };
    expect(readJsonAttribute(item, 'record')).toEqual({ form: 'brotli' });
    expect(readJsonAttribute({ record: item.record, recordGz: item.recordGz }, 'record')).toEqual({
      form: 'gzip',
    });
  });

  it('names the attribute of a damaged item', () => {
    expect(() => readJsonAttribute({ recordBr: new Uint8Array([1, 2, 3]) }, 'record')).toThrow(
      'attribute recordBr of the stored item is not Brotli',
    );
    expect(() => readJsonAttribute({ recordGz: new Uint8Array([1, 2, 3]) }, 'record')).toThrow(
      'attribute recordGz of the stored item is not gzip',
    );
    expect(() => readJsonAttribute({ config: '{not json' }, 'config')).toThrow(
      'attribute config of the stored item is not JSON',
    );
  });
});
