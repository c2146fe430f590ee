import { RiskInputError } from '../errors.js';

/** The doubles `encodeF64` wrote (a new, aligned array). `field` names the value in errors. */
export function decodeF64(text: string, field: string): Float64Array {
  if (typeof text !== 'string')
    throw new RiskInputError(`${field} is a ${typeof text}; expected the base64 text encodeF64 writes`);
  const bytes = Buffer.from(text, 'base64');
  // Canonical base64 has exactly this length; anything else held characters outside the alphabet.
  if (text.length !== Math.ceil(bytes.length / 3) * 4)
    throw new RiskInputError(
      `${field} is not canonical base64; expected the encodeF64 form of a Float64Array`,
    );
  if (bytes.length % 8 !== 0)
    throw new RiskInputError(
      `${field} holds ${bytes.length} bytes; expected a multiple of 8 (float64 values)`,
    );
  const out = new Float64Array(bytes.length / 8);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
