import { BallastError } from '../errors/BallastError.js';

/** A report (governance or backtest) could not be written where it was asked to go. */
export class ReportWriteError extends BallastError {
  override name = 'ReportWriteError';
}
