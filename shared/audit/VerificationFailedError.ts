import { BallastError } from '../errors/BallastError.js';

/** At least one verification check failed (`ballast verify` exits 1). */
export class VerificationFailedError extends BallastError {
  override name = 'VerificationFailedError';
}
