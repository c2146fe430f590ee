/**
 * Doubles as base64 of their IEEE 754 little-endian bytes: exact (every bit, NaN and −0 included)
 * and 8 bytes per value before base64, for the columns of an engine checkpoint (docs/methodology.md §8.4).
 */
export function encodeF64(values: Float64Array): string {
  if (!LITTLE_ENDIAN) throw new RangeError('engine checkpoints need a little-endian host');
  // A view of the values' own bytes, not a copy: every copy is ArrayBuffer memory, whose growth
  // makes V8 (Node 24) start a full collection.
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;
