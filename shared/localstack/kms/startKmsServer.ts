import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { LOOPBACK } from '../freePort.js';
import { KmsApiError } from '../errors.js';
import { createKmsService, type KmsFaultKind, type KmsService } from './createKmsService.js';

export interface StartKmsServerParams {
  /** TCP port on 127.0.0.1. @default 0 (the OS picks a free one) */
  readonly port?: number;
  /** Deterministic keys, key ids and high-s choices (see createKmsService). */
  readonly seed?: string;
  /** @default DEFAULT_HIGH_S_PROBABILITY (0.5) */
  readonly highSProbability?: number;
}

export interface KmsServer {
  /** `http://127.0.0.1:<port>`: pass it as `endpoint` to `KMSClient` (see createKmsClient). */
  readonly endpoint: string;
  readonly port: number;
  /** Next `count` requests (of `operation`, if given) fail: throttle → ThrottlingException, etc. */
  setFault(kind: KmsFaultKind, count: number, operation?: string): void;
  clearFaults(): void;
  /** Requests received per operation, e.g. `{ GetPublicKey: 1, Sign: 3 }`. */
  requestCounts(): Readonly<Record<string, number>>;
  /** Closes the listener and every open connection. */
  stop(): Promise<void>;
}

/** Requests larger than this are refused; the largest valid one (4 KiB RAW message) is far smaller. @default 1 MiB */
const MAX_BODY_BYTES = 1 << 20;
/** Region used in ARNs when the request carries no SigV4 credential scope. @default 'us-east-1' */
const DEFAULT_REGION = 'us-east-1';
const CONTENT_TYPE = 'application/x-amz-json-1.1';

function regionOf(request: IncomingMessage): string {
  // SigV4: "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kms/aws4_request, ..."
  const match = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/kms\//.exec(request.headers.authorization ?? '');
  return match?.[1] ?? DEFAULT_REGION;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES)
      throw new KmsApiError('ValidationException', `request body exceeds ${MAX_BODY_BYTES} bytes`, 413);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(json),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(json);
}

async function route(service: KmsService, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    if (request.method !== 'POST') {
      throw new KmsApiError(
        'UnknownOperationException',
        `method ${request.method ?? ''} not allowed; AWS JSON 1.1 uses POST /`,
        405,
      );
    }
    const target = request.headers['x-amz-target'];
    const match = typeof target === 'string' ? /^TrentService\.([A-Za-z]+)$/.exec(target) : null;
    if (match?.[1] === undefined) {
      throw new KmsApiError(
        'UnknownOperationException',
        `missing or invalid X-Amz-Target header ${JSON.stringify(target ?? null)}; expected TrentService.<Operation>`,
      );
    }
    const text = await readBody(request);
    let input: unknown;
    try {
      input = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new KmsApiError('SerializationException', 'request body is not valid JSON');
    }
    send(response, 200, service.handle(match[1], input, { region: regionOf(request) }));
  } catch (error) {
    if (error instanceof KmsApiError) {
      send(response, error.status, { __type: error.type, message: error.message });
    } else {
      // A bug in the endpoint: answer like AWS's internal error so clients see a 500, and keep serving.
      send(response, 500, {
        __type: 'KMSInternalException',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

/**
 * Starts the project's KMS-compatible endpoint on 127.0.0.1: AWS JSON 1.1 (`X-Amz-Target:
 * TrentService.<Op>`), keys in memory, secp256k1 only. The real `@aws-sdk/client-kms` talks to it
 * through `endpoint` with any credentials (SigV4 is not checked) and any region.
 */
export async function startKmsServer({
  port = 0,
  seed,
  highSProbability,
}: StartKmsServerParams = {}): Promise<KmsServer> {
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${port}`);
  }
  const service = createKmsService({
    ...(seed === undefined ? {} : { seed }),
    ...(highSProbability === undefined ? {} : { highSProbability }),
  });
  const server = createServer((request, response) => {
    void route(service, request, response);
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `KMS endpoint cannot listen on ${LOOPBACK}:${port}: the port is in use; pick another port or 0 for a free one`,
              { cause: error },
            )
          : error,
      );
    };
    server.once('error', onError);
    server.listen(port, LOOPBACK, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('KMS endpoint did not report its port');
  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://${LOOPBACK}:${address.port}`,
    port: address.port,
    setFault: (kind, count, operation) => service.setFault(kind, count, operation),
    clearFaults: () => service.clearFaults(),
    requestCounts: () => service.requestCounts(),
    stop() {
      stopped ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // Keep-alive sockets from the SDK's agent would otherwise hold close() open.
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
