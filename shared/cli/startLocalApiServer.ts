import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ApiErrorBody } from '../api/apiErrorMiddleware.js';
import { OPENAPI_DOCUMENT } from '../api/openapiDocument.js';
import type { ApiHandler } from '../api/createApiHandler.js';
import { LOOPBACK } from '../localstack/freePort.js';

/** Largest request body accepted, as API Gateway's HTTP API payload quota. @default 10 MiB */
export const LOCAL_API_MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface StartLocalApiServerParams {
  /** The same handler the Lambda runs (createApiHandler). */
  readonly handler: ApiHandler;
  /** @default 0: a free port chosen by the OS */
  readonly port?: number;
  /** Where failures of the server itself go (never a request's fault). @default console.error */
  readonly onInternalError?: (error: unknown) => void;
}

export interface LocalApiServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * An HTTP API (payload v2) event as API Gateway builds it for a `$default` route. The request
 * target is split at its first `?` and passed on unchanged (no URL parsing: no host taken from
 * `//host/...`, no dot-segment removal, nothing that can throw), as API Gateway does.
 */
function toEvent(request: IncomingMessage, port: number, body: string | undefined): APIGatewayProxyEventV2 {
  const target = request.url ?? '/';
  const mark = target.indexOf('?');
  const rawPath = mark === -1 ? target : target.slice(0, mark);
  const rawQueryString = mark === -1 ? '' : target.slice(mark + 1);
  // API Gateway joins repeated parameters with commas; do the same. A Map, so names like
  // `__proto__` or `constructor` are plain names.
  const params = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    const before = params.get(name);
    params.set(name, before === undefined ? value : `${before},${value}`);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers,
    ...(params.size === 0 ? {} : { queryStringParameters: Object.fromEntries(params) }),
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: `${LOOPBACK}:${port}`,
      domainPrefix: LOOPBACK,
      http: {
        method: request.method ?? 'GET',
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? LOOPBACK,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
  };
}

function errorBody(status: number, code: string, message: string): string {
  const body: ApiErrorBody = { error: { status, code, message } };
  return JSON.stringify(body);
}

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'close',
  });
  response.end(errorBody(status, code, message));
}

/**
 * Serves the read API's Lambda handler over node:http on 127.0.0.1, translating each request
 * into the HTTP API event API Gateway would send, so curl sees exactly what the cloud serves;
 * `GET /openapi.json` answers the API's OpenAPI document.
 * No request can stop it: a request line or header node cannot parse answers a JSON 400, a body
 * over LOCAL_API_MAX_BODY_BYTES a JSON 413, and anything unexpected a JSON 500 without internals.
 */
export async function startLocalApiServer({
  handler,
  port = 0,
  onInternalError = (error) => console.error(error),
}: StartLocalApiServerParams): Promise<LocalApiServer> {
  const internal = (response: ServerResponse, error: unknown): void => {
    onInternalError(error);
    sendError(response, 500, 'internal', 'internal error of the local API server; it was logged');
  };
  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    // Bodies are read whole (POST /v1/portfolio takes one; GET routes ignore them), so an oversized
    // one is refused like API Gateway refuses it and the connection can be reused.
    let bytes = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of request) {
      bytes += (chunk as Buffer).length;
      chunks.push(chunk as Buffer);
      if (bytes > LOCAL_API_MAX_BODY_BYTES) {
        sendError(response, 413, 'payloadTooLarge', `request body over ${LOCAL_API_MAX_BODY_BYTES} bytes`);
        request.destroy();
        return;
      }
    }
    if ((request.url ?? '').split('?')[0] === '/openapi.json') {
      // The API's own description, served beside it as a documentation host would.
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end(request.method === 'HEAD' ? undefined : JSON.stringify(OPENAPI_DOCUMENT, null, 2));
      return;
    }
    const body = bytes === 0 ? undefined : Buffer.concat(chunks).toString('utf8');
    const result = await handler(toEvent(request, (server.address() as AddressInfo).port, body));
    response.writeHead(result.statusCode ?? 200, (result.headers ?? {}) as Record<string, string>);
    response.end(request.method === 'HEAD' ? undefined : result.body);
  };
  const server = createServer((request, response) => {
    try {
      serve(request, response).catch((error: unknown) => internal(response, error));
    } catch (error) {
      internal(response, error);
    }
  });
  // Requests node cannot parse (bad request line, bad or oversized headers): a JSON 400 instead
  // of node's bare one, then close.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const body = errorBody(
      400,
      'badRequest',
      error.code === 'HPE_HEADER_OVERFLOW'
        ? 'request headers too large'
        : `malformed HTTP request (${error.code ?? 'parse error'})`,
    );
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${LOOPBACK}:${bound}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
