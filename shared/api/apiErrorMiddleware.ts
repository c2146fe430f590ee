import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ApiError } from './errors.js';

/** Body of every error response: `{ "error": { status, code, message, field? } }`. */
export interface ApiErrorBody {
  readonly error: {
    readonly status: number;
    readonly code: string;
    readonly message: string;
    readonly field?: string;
  };
}

export interface ApiErrorMiddlewareParams {
  /** Called with unexpected errors (they answer 500 without details). */
  readonly onInternalError: (error: unknown, event: APIGatewayProxyEventV2) => void;
}

/**
 * Middleware factory: turns a thrown ApiError into its JSON error response (status, code,
 * message naming the field), and anything else into a 500 that leaks no internals.
 */
export function apiErrorMiddleware({
  onInternalError,
}: ApiErrorMiddlewareParams): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: (request) => {
      const error = request.error;
      let body: ApiErrorBody;
      if (error instanceof ApiError) {
        body = {
          error: {
            status: error.statusCode,
            code: error.code,
            message: error.message,
            ...(error.field === undefined ? {} : { field: error.field }),
          },
        };
      } else {
        onInternalError(error, request.event);
        const id = request.event.requestContext?.requestId;
        body = {
          error: {
            status: 500,
            code: 'internal',
            message: `internal error${id === undefined ? '' : ` (request ${id})`}; it was logged`,
          },
        };
      }
      request.response = {
        statusCode: body.error.status,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        body: JSON.stringify(body),
      };
    },
  };
}
