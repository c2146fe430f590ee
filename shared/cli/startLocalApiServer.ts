import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { LOOPBACK } from '../localstack/freePort.js';
import type { ApiHandler } from '../api/createApiHandler.js';

export interface StartLocalApiServerParams {
  /** The same handler the Lambda runs (createApiHandler). */
  readonly handler: ApiHandler;
  /** @default 0: a free port chosen by the OS */
  readonly port?: number;
}

export interface LocalApiServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  close(): Promise<void>;
}

/** An HTTP API (payload v2) event as API Gateway builds it for a `$default` route. */
function toEvent(request: IncomingMessage, port: number): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? '/', `http://${LOOPBACK}:${port}`);
  const query: Record<string, string> = {};
  // API Gateway joins repeated parameters with commas; do the same.
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length === 0 ? {} : { queryStringParameters: query }),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: `${LOOPBACK}:${port}`,
      domainPrefix: LOOPBACK,
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
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

/**
 * Serves the read API's Lambda handler over node:http on 127.0.0.1, translating each request
 * into the HTTP API event API Gateway would send, so curl sees exactly what the cloud serves.
 */
export async function startLocalApiServer({
  handler,
  port = 0,
}: StartLocalApiServerParams): Promise<LocalApiServer> {
  const server = createServer((request, response) => {
    // Bodies are ignored (the API is read-only), but drained so the connection can be reused.
    request.resume();
    const actualPort = (server.address() as AddressInfo).port;
    handler(toEvent(request, actualPort))
      .then((result) => {
        response.writeHead(result.statusCode ?? 200, (result.headers ?? {}) as Record<string, string>);
        response.end(request.method === 'HEAD' ? undefined : result.body);
      })
      .catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify({ error: { status: 500, code: 'internal', message: String(error) } }));
      });
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
