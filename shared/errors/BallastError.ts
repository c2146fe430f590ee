export interface BallastErrorOptions {
  readonly cause?: unknown;
  /** One sentence telling the reader how to fix it. */
  readonly fix?: string;
}

/**
 * Base class of every error Ballast throws on purpose. The message says what was wrong;
 * `fix` (when known) says what to do about it, and is appended to the message.
 */
export class BallastError extends Error {
  override name = 'BallastError';
  readonly fix: string | undefined;

  constructor(message: string, options: BallastErrorOptions = {}) {
    super(options.fix === undefined ? message : `${message}\n  fix: ${options.fix}`, {
      cause: options.cause,
    });
    this.fix = options.fix;
  }
}

/** Bad input from a user: CLI arguments, config files, API requests. CLI exit code 2. */
export class InputError extends BallastError {
  override name = 'InputError';
}
