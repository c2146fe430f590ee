import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeF64 } from '../../../../shared/risk/engine/decodeF64.js';
import { encodeF64 } from '../../../../shared/risk/engine/encodeF64.js';
import { RiskInputError } from '../../../../shared/risk/errors.js';

const bitsOf = (values: Float64Array): string =>
  Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('hex');

describe('encodeF64 / decodeF64 (engine checkpoint columns)', () => {
  it('round-trips every bit (NaN payloads, −0, subnormals), also from a view into a larger array', () => {
    fc.assert(
      fc.property(fc.float64Array({ maxLength: 40 }), fc.nat(5), (values, cut) => {
        const view = values.subarray(Math.min(cut, values.length));
        const text = encodeF64(view);
        expect(text).toBe(
          Buffer.from(new Uint8Array(view.buffer, view.byteOffset, view.byteLength)).toString('base64'),
        );
        const back = decodeF64(text, 'field');
        expect(back.byteOffset).toBe(0); // its own aligned memory
        expect(bitsOf(back)).toBe(bitsOf(view));
      }),
    );
  });

  it('refuses text that is not the canonical encodeF64 form, naming the field', () => {
    const text = encodeF64(new Float64Array([1.5, -2, Number.NaN]));
    // Characters a lenient base64 reader skips or stops at: whitespace, data after the padding.
    const withSpace = `${text.slice(0, 4)} ${text.slice(5)}`; // same length, one character replaced
    const afterPadding = `${encodeF64(new Float64Array([1, 2]))}`.replace(/=$/, '=A');
    const twoValues = encodeF64(new Float64Array([1, 2])).replace(/=$/, '');
    for (const bad of [withSpace, afterPadding, twoValues, `${text}\n`, 'AAA', text.replaceAll('A', '*')]) {
      expect(() => decodeF64(bad, 'state.close'), JSON.stringify(bad)).toThrow(
        /state\.close is not canonical base64/,
      );
    }
    expect(() => decodeF64(Buffer.from([1, 2, 3]).toString('base64'), 'state.ts')).toThrow(
      /state\.ts holds 3 bytes; expected a multiple of 8/,
    );
    expect(() => decodeF64(42 as unknown as string, 'state.ts')).toThrow(RiskInputError);
  });
});
