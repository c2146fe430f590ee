import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { ApiContext } from './ApiContext.js';
import { apiErrorMiddleware } from './apiErrorMiddleware.js';
import { routeApiRequest } from './routeApiRequest.js';

/**
 * Request headers a cross-origin caller may send (Access-Control-Allow-Headers), the same in the
 * handler and in API Gateway's preflight (infra/constructs/ReadApi.ts): `content-type` for JSON
 * bodies, `authorization` for the key of PUT /v1/positions. @default "authorization,content-type"
 */
export const CORS_ALLOW_HEADERS = 'authorization,content-type';

export interface CreateApiHandlerParams {
  /** Built once and reused (called on the first request, so a Lambda cold start pays it once). */
  readonly context: ApiContext | (() => ApiContext);
  /** Where unexpected errors go (the answer is a bare 500). @default console.error */
  readonly onInternalError?: (error: unknown, event: APIGatewayProxyEventV2) => void;
}

export type ApiHandler = (
  event: APIGatewayProxyEventV2,
  context?: Partial<Context>,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The read API as an API Gateway HTTP API (payload v2) handler: middy with the project's error
 * middleware (JSON error bodies naming the field), CORS (any origin, GET/HEAD; OPTIONS on a route
 * answers 204 with the CORS headers, as API Gateway's preflight does) and security headers.
 * The Lambda, `ballast api --local`, the tests and the benchmark all call this same handler.
 */
export function createApiHandler({
  context,
  onInternalError = (error) => console.error(error),
}: CreateApiHandlerParams): ApiHandler {
  let resolved: ApiContext | undefined;
  const getContext = (): ApiContext => (resolved ??= typeof context === 'function' ? context() : context);
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    // Public read-only data meant for dashboards on other origins: allow cross-origin reads.
    .use(httpSecurityHeaders({ crossOriginResourcePolicy: { policy: 'cross-origin' } }))
    // `authorization` carries PUT /v1/positions' key (`Bearer <key>`): a browser sends it only when
    // the preflight lists it by name (a `*` in Allow-Headers never covers authorization).
    .use(httpCors({ origin: '*', methods: 'GET,HEAD,POST,PUT,OPTIONS', headers: CORS_ALLOW_HEADERS }))
    .use(apiErrorMiddleware({ onInternalError }))
    .handler(async (event) => {
      const { statusCode, body } = await routeApiRequest(getContext(), {
        method: event.requestContext.http.method,
        path: event.rawPath,
        query: event.queryStringParameters ?? {},
        authorization: event.headers?.authorization,
        body:
          event.body === undefined
            ? undefined
            : event.isBase64Encoded
              ? Buffer.from(event.body, 'base64').toString('utf8')
              : event.body,
      });
      return {
        statusCode,
        headers:
          body === undefined
            ? { 'cache-control': 'no-store' }
            : { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      };
    });
  return (event, lambdaContext = {}) => handler(event, lambdaContext as Context);
}
