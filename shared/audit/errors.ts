import { BallastError } from '../errors/BallastError.js';

/** At least one verification check failed (`ballast verify` exits 1). */
export class VerificationFailedError extends BallastError {
  override name = 'VerificationFailedError';
}

/** Two rounds cannot be compared for an asset (one of them did not publish it). */
export class RoundDiffError extends BallastError {
  override name = 'RoundDiffError';
}
