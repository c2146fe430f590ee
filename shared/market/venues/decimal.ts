import { z } from 'zod';

/**
 * A venue price or size as the venues send it: a non-negative decimal string such as
 * `"60650.00000000"` (optionally in exponent form, `"1e-8"`). Converted with `Number`, which rounds
 * the decimal to the nearest double once: no arithmetic happens on the string.
 * A value like `"NaN"`, `""`, `"-1"` or `"1,5"` is rejected with the field path.
 */
export const decimalString = z
  .string()
  .regex(/^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/, 'expected a non-negative decimal string like "123.45"')
  .transform(Number)
  .refine(Number.isFinite, 'decimal out of the double range');

/** A non-negative finite JSON number (Coinbase candles send numbers, not strings). */
export const nonNegativeNumber = z.number().nonnegative();

/** An integer timestamp sent as a decimal string (OKX, Bybit), in ms. */
export const intString = z
  .string()
  .regex(/^\d{1,16}$/, 'expected an integer string')
  .transform(Number);

/** One `[price, size, …extra]` level as decimal strings; extra fields (order counts, timestamps) pass. */
export const levelStrings = z.tuple([decimalString, decimalString], z.unknown());
