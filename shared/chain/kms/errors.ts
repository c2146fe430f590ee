import { BallastError } from '../../errors/BallastError.js';

export interface KmsSignerErrorOptions {
  /** The KMS key the failing call used (id, ARN or alias), so the message names it. */
  readonly keyId?: string;
  /** One sentence telling the operator how to fix it; appended to the message. */
  readonly fix?: string;
  readonly cause?: unknown;
}

/**
 * Base class of every error the KMS signer throws on purpose. The message says what was wrong
 * and with which key; `fix` (when known) says what to do about it.
 */
export class KmsSignerError extends BallastError {
  override name = 'KmsSignerError';
  readonly keyId: string | undefined;

  constructor(message: string, options: KmsSignerErrorOptions = {}) {
    super(message, { cause: options.cause, ...(options.fix === undefined ? {} : { fix: options.fix }) });
    this.keyId = options.keyId;
  }
}

/** KMS refused the caller (AccessDeniedException): missing kms:Sign / kms:GetPublicKey permission. Fatal. */
export class KmsAccessDeniedError extends KmsSignerError {
  override name = 'KmsAccessDeniedError';
}

/** The credentials were rejected (unrecognised, expired or badly signed). Fatal. */
export class KmsCredentialsError extends KmsSignerError {
  override name = 'KmsCredentialsError';
}

/** The key is disabled (DisabledException). Fatal until someone enables it. */
export class KmsKeyDisabledError extends KmsSignerError {
  override name = 'KmsKeyDisabledError';
}

/** The key is in a state that cannot sign, e.g. pending deletion (KMSInvalidStateException). Fatal. */
export class KmsKeyStateError extends KmsSignerError {
  override name = 'KmsKeyStateError';
}

/** No key with this id, ARN or alias in this account and region (NotFoundException). Fatal. */
export class KmsKeyNotFoundError extends KmsSignerError {
  override name = 'KmsKeyNotFoundError';
}

/** The key is not an `ECC_SECG_P256K1` / `SIGN_VERIFY` key, so it cannot produce Ethereum signatures. Fatal. */
export class KmsKeySpecError extends KmsSignerError {
  override name = 'KmsKeySpecError';
}

/** KMS kept throttling (or failing transiently) after every allowed retry. */
export class KmsThrottledError extends KmsSignerError {
  override name = 'KmsThrottledError';
}

/** KMS returned something the signer cannot use: malformed DER, bad public key, unexpected error. */
export class KmsResponseError extends KmsSignerError {
  override name = 'KmsResponseError';
}

/** Neither recovery id recovers the key's address: the signature does not belong to this key. */
export class KmsRecoveryError extends KmsSignerError {
  override name = 'KmsRecoveryError';
}
