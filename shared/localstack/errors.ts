import { BallastError, InputError } from '../errors/BallastError.js';

/** anvil could not be found or did not answer on its port. */
export class AnvilStartError extends BallastError {
  override name = 'AnvilStartError';
}

/** DynamoDB Local needs a Java runtime (≥ 17) on PATH. */
export class JavaMissingError extends BallastError {
  override name = 'JavaMissingError';
}

/** A local part (anvil, DynamoDB Local, a server) never became ready, or exited while starting. */
export class LocalProcessStartError extends BallastError {
  override name = 'LocalProcessStartError';
}

/** A port the user asked for cannot be bound on 127.0.0.1: bad input (CLI exit code 2). */
export class PortInUseError extends InputError {
  override name = 'PortInUseError';
}

/** No `.ballast/stack.json`, or one that does not parse. */
export class StackNotRunningError extends BallastError {
  override name = 'StackNotRunningError';
}

/** The detached stack supervisor reported an error or exited before it was ready. */
export class StackStartError extends BallastError {
  override name = 'StackStartError';
}

/**
 * An error the local KMS endpoint answers with, in the AWS JSON 1.1 shape `{ __type, message }`.
 * `type` is the AWS error code the real service uses for the same condition, so
 * `@aws-sdk/client-kms` maps it to the same typed exception (NotFoundException, DisabledException, ...).
 */
export class KmsApiError extends BallastError {
  override name = 'KmsApiError';
  /** AWS error code, e.g. `NotFoundException`. */
  readonly type: string;
  /** HTTP status AWS KMS uses: 400 for client errors and throttling, 500 for internal errors. */
  readonly status: number;

  constructor(type: string, message: string, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}
