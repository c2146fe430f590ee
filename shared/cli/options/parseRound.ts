import { InputError } from '../../errors/BallastError.js';

const MAX_UINT64 = (1n << 64n) - 1n;

/** Parses a round number (decimal, 0 to 2^64 − 1) exactly, as a bigint; otherwise an InputError naming the flag. */
export function parseRound(flag: string, value: string): bigint {
  const trimmed = value.trim();
  const parsed = /^\d{1,20}$/.test(trimmed) ? BigInt(trimmed) : -1n;
  if (parsed < 0n || parsed > MAX_UINT64) {
    throw new InputError(`${flag}: "${value}" is not allowed; expected a whole number from 0 to 2^64-1`);
  }
  return parsed;
}
