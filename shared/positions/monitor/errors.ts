import { InputError } from '../../errors/BallastError.js';

/** The monitor was called with input it cannot use (no records, a bad webhook configuration). */
export class MonitorInputError extends InputError {
  override name = 'MonitorInputError';
}
