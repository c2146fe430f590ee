import { InputError } from '../../errors/BallastError.js';
import { parseDuration } from './parseDuration.js';

/** Parses `--speed 1h/s` (simulated time per real second) into a factor: 1h/s is 3600. */
export function parseSpeed(flag: string, value: string): number {
  const match = /^(.+)\/s$/.exec(value.trim());
  if (match === null)
    throw new InputError(
      `${flag}: "${value}" is not a speed; use simulated time per second, e.g. 1h/s or 30m/s`,
    );
  return parseDuration(flag, match[1]!) / 1000;
}
