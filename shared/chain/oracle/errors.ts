import { BallastError } from '../../errors/BallastError.js';

/** A value the oracle client cannot encode or a read that found nothing; the message names the field. */
export class OracleClientError extends BallastError {
  override name = 'OracleClientError';
}
