import { BallastError, type BallastErrorOptions } from '../errors/BallastError.js';

/** Machine-readable error codes of the read API (the `error.code` of every error body). */
export type ApiErrorCode =
  | 'invalidParameter'
  | 'badRequest'
  | 'notFound'
  | 'methodNotAllowed'
  | 'payloadTooLarge'
  | 'notConfigured'
  | 'unauthorized'
  | 'internal';

/** An API failure with its HTTP status; `field` names the request parameter at fault, when one is. */
export class ApiError extends BallastError {
  override name = 'ApiError';
  readonly statusCode: number;
  readonly code: ApiErrorCode;
  readonly field: string | undefined;

  constructor(
    statusCode: number,
    code: ApiErrorCode,
    message: string,
    options: BallastErrorOptions & { field?: string } = {},
  ) {
    super(message, options);
    this.statusCode = statusCode;
    this.code = code;
    this.field = options.field;
  }
}

/** 400: a path or query parameter is not allowed; the message names it, its value and what is allowed (which is the fix). */
export class InvalidParameterError extends ApiError {
  override name = 'InvalidParameterError';

  constructor(field: string, message: string, options: BallastErrorOptions = {}) {
    super(400, 'invalidParameter', message, { ...options, field });
  }
}

/** 404: an unknown asset, round or route. */
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';

  constructor(message: string, options: BallastErrorOptions & { field?: string } = {}) {
    super(404, 'notFound', message, options);
  }
}
