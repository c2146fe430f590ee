import { RiskInputError } from '../errors.js';

/** The doubles `encodeF64` wrote (a new, aligned array). `field` names the value in errors. */
export function decodeF64(text: string, field: string): Float64Array {
  if (typeof text !== 'string')
    throw new RiskInputError(`${field} is a ${typeof text}; expected the base64 text encodeF64 writes`);
  // Decoded straight into the result's own memory (no intermediate Buffer: every ArrayBuffer is
  // memory whose growth makes V8, on Node 24, start a full collection). Buffer.byteLength counts the
  // bytes from the length and padding alone; characters outside the alphabet are skipped by write,
  // so fewer bytes written, or a length that is not canonical, both mean a malformed text.
  const expected = Buffer.byteLength(text, 'base64');
  const out = new Float64Array(Math.ceil(expected / 8));
  const written = Buffer.from(out.buffer).write(text, 'base64');
  if (written !== expected || text.length !== Math.ceil(written / 3) * 4)
    throw new RiskInputError(
      `${field} is not canonical base64; expected the encodeF64 form of a Float64Array`,
    );
  if (written % 8 !== 0)
    throw new RiskInputError(`${field} holds ${written} bytes; expected a multiple of 8 (float64 values)`);
  return out;
}
