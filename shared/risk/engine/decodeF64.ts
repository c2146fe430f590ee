import { RiskInputError } from '../RiskInputError.js';

/** The doubles `encodeF64` wrote (a new, aligned array). `field` names the value in errors. */
export function decodeF64(text: string, field: string): Float64Array {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text))
    throw new RiskInputError(`${field} is not base64; expected the encodeF64 form of a Float64Array`);
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 8 !== 0)
    throw new RiskInputError(
      `${field} holds ${bytes.length} bytes; expected a multiple of 8 (float64 values)`,
    );
  const out = new Float64Array(bytes.length / 8);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
