import {
  KmsAccessDeniedError,
  KmsCredentialsError,
  KmsKeyDisabledError,
  KmsKeyNotFoundError,
  KmsKeySpecError,
  KmsKeyStateError,
  KmsResponseError,
  type KmsSignerError,
} from './errors.js';

export interface ClassifyKmsErrorParams {
  readonly error: unknown;
  /** Key id, ARN or alias the failing call used. */
  readonly keyId: string;
  /** KMS operation, e.g. `Sign`. */
  readonly operation: string;
}

export type ClassifyKmsErrorResult =
  /** Request-rate throttling: retry with backoff and count it. */
  | { readonly kind: 'throttle' }
  /** A transient service or network failure: retry with backoff. */
  | { readonly kind: 'transient' }
  /** Will not get better by retrying. */
  | { readonly kind: 'fatal'; readonly error: KmsSignerError };

const THROTTLE_NAMES = new Set([
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);
/** KMS names these as retryable (KeyUnavailableException: "You can retry the request"). */
const TRANSIENT_NAMES = new Set([
  'KMSInternalException',
  'DependencyTimeoutException',
  'KeyUnavailableException',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND']);
const CREDENTIAL_NAMES = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'CredentialsProviderError',
]);

function field(error: unknown, key: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[key] : undefined;
}

/**
 * Sorts an error from `@aws-sdk/client-kms` (or the network under it) into throttle, transient or
 * fatal, by the exception name the SDK sets from the AWS error code, the HTTP status, or the Node
 * network error code. Fatal errors come back as KmsSignerError subclasses naming the key and the fix.
 */
export function classifyKmsError({
  error,
  keyId,
  operation,
}: ClassifyKmsErrorParams): ClassifyKmsErrorResult {
  const name = String(field(error, 'name') ?? '');
  const metadata = field(error, '$metadata');
  const status = field(metadata, 'httpStatusCode');
  const code = field(error, 'code');
  const detail = error instanceof Error ? error.message : String(error);
  const options = { keyId, cause: error };

  if (THROTTLE_NAMES.has(name) || status === 429) return { kind: 'throttle' };
  if (
    TRANSIENT_NAMES.has(name) ||
    (typeof status === 'number' && status >= 500) ||
    (typeof code === 'string' && NETWORK_CODES.has(code))
  ) {
    return { kind: 'transient' };
  }

  const what = `KMS ${operation} on key ${keyId} failed with ${name || 'an error'}: ${detail}`;
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || status === 403) {
    return {
      kind: 'fatal',
      error: new KmsAccessDeniedError(what, {
        ...options,
        fix: `allow kms:GetPublicKey and kms:Sign on ${keyId} for the role running the signer (key policy or IAM policy)`,
      }),
    };
  }
  if (CREDENTIAL_NAMES.has(name)) {
    return {
      kind: 'fatal',
      error: new KmsCredentialsError(what, {
        ...options,
        fix: 'check the AWS credentials and region (AWS_PROFILE, AWS_REGION, or the Lambda role)',
      }),
    };
  }
  if (name === 'DisabledException') {
    return {
      kind: 'fatal',
      error: new KmsKeyDisabledError(what, {
        ...options,
        fix: `enable the key: aws kms enable-key --key-id ${keyId}`,
      }),
    };
  }
  if (name === 'KMSInvalidStateException') {
    return {
      kind: 'fatal',
      error: new KmsKeyStateError(what, {
        ...options,
        fix: `if the key is pending deletion, cancel it (aws kms cancel-key-deletion --key-id ${keyId}) and enable it`,
      }),
    };
  }
  if (name === 'NotFoundException' || name === 'InvalidArnException') {
    return {
      kind: 'fatal',
      error: new KmsKeyNotFoundError(what, {
        ...options,
        fix: 'check the key id, ARN or alias and that the client uses the key’s region and account',
      }),
    };
  }
  if (name === 'InvalidKeyUsageException' || name === 'UnsupportedOperationException') {
    return {
      kind: 'fatal',
      error: new KmsKeySpecError(what, {
        ...options,
        fix: 'use a key created with --key-spec ECC_SECG_P256K1 --key-usage SIGN_VERIFY',
      }),
    };
  }
  return { kind: 'fatal', error: new KmsResponseError(what, options) };
}
