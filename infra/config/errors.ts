import { InputError } from '../../shared/errors/BallastError.js';

/** A stage config (or the assets config it points to) is missing or invalid; synth stops. */
export class StageConfigError extends InputError {
  override name = 'StageConfigError';
}
