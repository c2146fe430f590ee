import { BallastError, type BallastErrorOptions } from '../errors/BallastError.js';
import type { ExitCode } from './exitCodes.js';

/**
 * A publish step did not put its batch on-chain (the outcome is printed before). Its exit code is
 * the step's publishExitCode: 1 refused, reverted or dropped; 4 still pending; 5 busy.
 */
export class PublishNotMinedError extends BallastError {
  override name = 'PublishNotMinedError';
  readonly exitCode: ExitCode;

  constructor(message: string, options: BallastErrorOptions & { readonly exitCode: ExitCode }) {
    super(message, options);
    this.exitCode = options.exitCode;
  }
}

/** A stack is running with other options than the command asks for. Exit 3. */
export class StackMismatchError extends BallastError {
  override name = 'StackMismatchError';
}

/** Something the command needs from its environment failed: a file it cannot write, a port, the network. Exit 3. */
export class EnvironmentError extends BallastError {
  override name = 'EnvironmentError';
}
