export interface EncodeDerSignatureParams {
  /** ECDSA r, 1 ≤ r < n. */
  readonly r: bigint;
  /** ECDSA s, 1 ≤ s < n; high-s is encoded as given (AWS KMS does not normalise). */
  readonly s: bigint;
}

/** Minimal two's-complement big-endian encoding of a positive INTEGER's content octets. */
function integerContent(value: bigint): Uint8Array {
  if (value <= 0n) throw new RangeError(`DER INTEGER must be positive, got ${value}`);
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  // A leading byte ≥ 0x80 would read as negative: prefix 0x00 (this is where 33-byte r/s come from).
  if (Number.parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/**
 * Encodes an ECDSA signature as DER `SEQUENCE { INTEGER r, INTEGER s }`, exactly as AWS KMS returns
 * it: minimal integers, so r or s may be 33 bytes (leading 0x00) or shorter than 32 bytes.
 * For secp256k1 the whole encoding is at most 72 bytes, so every length fits one byte.
 */
export function encodeDerSignature({ r, s }: EncodeDerSignatureParams): Uint8Array {
  const rBytes = integerContent(r);
  const sBytes = integerContent(s);
  const body = [0x02, rBytes.length, ...rBytes, 0x02, sBytes.length, ...sBytes];
  if (body.length > 0x7f) throw new RangeError(`DER body of ${body.length} bytes needs long-form length`);
  return Uint8Array.from([0x30, body.length, ...body]);
}
