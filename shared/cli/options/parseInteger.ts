import { InputError } from '../../errors/BallastError.js';

export interface IntegerRange {
  readonly min?: number;
  readonly max?: number;
}

/** Parses a whole number within `[min, max]`; otherwise an InputError naming the flag, value and range. */
export function parseInteger(
  flag: string,
  value: string,
  { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER }: IntegerRange = {},
): number {
  const trimmed = value.trim();
  const parsed = /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    const range =
      max === Number.MAX_SAFE_INTEGER ? `a whole number >= ${min}` : `a whole number from ${min} to ${max}`;
    throw new InputError(`${flag}: "${value}" is not allowed; expected ${range}`);
  }
  return parsed;
}
