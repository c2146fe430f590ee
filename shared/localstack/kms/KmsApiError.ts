/**
 * An error the local KMS endpoint answers with, in the AWS JSON 1.1 shape `{ __type, message }`.
 * `type` is the AWS error code the real service uses for the same condition, so
 * `@aws-sdk/client-kms` maps it to the same typed exception (NotFoundException, DisabledException, ...).
 */
export class KmsApiError extends Error {
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
