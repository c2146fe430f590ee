import { InputError } from '../errors/BallastError.js';

/** A Lambda event that does not match its stage's schema; names every problem and its path. */
export class InvalidEventError extends InputError {
  override name = 'InvalidEventError';
}
