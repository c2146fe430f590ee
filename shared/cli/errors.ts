import { BallastError } from '../errors/BallastError.js';

/**
 * The exit codes of `ballast`, documented in the README: 0 ok, 1 a verification or publication
 * failed, 2 bad input (arguments, config, data files), 3 an environment problem (no stack, a part
 * that does not start or answer, a network call that timed out, missing credentials, a file that
 * cannot be written).
 */
export const EXIT_CODES = { ok: 0, failed: 1, input: 2, environment: 3 } as const;

/** A failure the user asked to be told about: a verification or publication failed (exit 1). */
export class CheckFailedError extends BallastError {
  override name = 'CheckFailedError';
}

/** The publish step did not put the batch on-chain (the outcome is printed before). Exit 1. */
export class PublishNotMinedError extends CheckFailedError {
  override name = 'PublishNotMinedError';
}

/** A stack is running with other options than the command asks for. Exit 3. */
export class StackMismatchError extends BallastError {
  override name = 'StackMismatchError';
}

/** Something the command needs from its environment failed: a file it cannot write, a port, the network. Exit 3. */
export class EnvironmentError extends BallastError {
  override name = 'EnvironmentError';
}
