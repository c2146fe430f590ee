import { InputError } from '../../errors/BallastError.js';

const UNITS_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Parses `500ms`, `5s`, `2m`, `1h`, `1d` into milliseconds; anything else is an InputError naming the flag. */
export function parseDuration(flag: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim());
  if (match === null) {
    throw new InputError(
      `${flag}: "${value}" is not a duration; use a number with a unit: ms, s, m, h or d (e.g. 5s, 2m, 1d)`,
    );
  }
  const ms = Number(match[1]) * UNITS_MS[match[2] as keyof typeof UNITS_MS];
  if (!(ms > 0) || !Number.isFinite(ms))
    throw new InputError(`${flag}: "${value}" must be greater than zero`);
  return ms;
}
