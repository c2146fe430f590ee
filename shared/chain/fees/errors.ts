import { BallastError } from '../../errors/BallastError.js';

/** The fees the network asks for exceed the policy's cap: nothing is signed or sent. */
export class FeeCapExceededError extends BallastError {
  override name = 'FeeCapExceededError';
}
