import { BallastError } from '../../errors/BallastError.js';

/** A value has no canonical JSON form (NaN, a Map, a hole in an array, …); the message names its path. */
export class CanonicalJsonError extends BallastError {
  override name = 'CanonicalJsonError';
}

/** A record names a hash scheme this verifier does not know. */
export class UnknownHashSchemeError extends BallastError {
  override name = 'UnknownHashSchemeError';
}
