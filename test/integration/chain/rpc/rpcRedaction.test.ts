/**
 * Issue 18 item 1: an RPC provider's API key never leaks. Keyed URLs (key in the path, the query
 * and the user-info) point at tiny 127.0.0.1 providers answering HTTP 401 (echoing the key in the
 * body, as some providers do), 429 and 500; FailoverRpc must fail over to the next endpoint, and
 * nothing it throws or reports, nor any log line the project's logger writes about it, may contain
 * a key. (Metrics carry constant names and numbers only: nothing from an error reaches them.)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { JsonRpcProvider } from 'ethers';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { RpcUnavailableError } from '../../../../shared/chain/rpc/errors.js';
import { FailoverRpc } from '../../../../shared/chain/rpc/FailoverRpc.js';
import { redactValue } from '../../../../shared/errors/redactValue.js';
import { createStageHandler } from '../../../../shared/observability/createStageHandler.js';
import { logger } from '../../../../shared/observability/powertools.js';

const PATH_KEY = 'pathKey0123456789abcdef';
const QUERY_KEY = 'queryKey9876543210ZYXW';
const PASSWORD = 'userPassword55555';
const KEYS = [PATH_KEY, QUERY_KEY, PASSWORD];

interface Provider {
  readonly port: number;
  readonly hits: string[];
  close(): Promise<void>;
}

/** A provider answering every request with `status` (401 echoes the key), or a healthy node. */
async function provider(status: 200 | 401 | 429 | 500): Promise<Provider> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      hits.push(req.url ?? '');
      if (status !== 200) {
        res.statusCode = status;
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            error: { code: -32001, message: `api key ${PATH_KEY} is not authorized (${req.url})` },
          }),
        );
        return;
      }
      const { id, method } = JSON.parse(body) as { id: number; method: string };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ jsonrpc: '2.0', id, result: method === 'eth_chainId' ? '0x7a69' : '0x2a' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const keyed = (p: Provider): string =>
  `http://ballast:${PASSWORD}@127.0.0.1:${p.port}/v2/${PATH_KEY}?apikey=${QUERY_KEY}`;

/** Captures everything written to stdout/stderr (the logger and EMF metrics write there). */
async function capture(run: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const grab = (chunk: unknown): boolean => {
    chunks.push(String(chunk));
    return true;
  };
  process.stdout.write = grab as typeof process.stdout.write;
  process.stderr.write = grab as typeof process.stderr.write;
  try {
    await run();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  return chunks.join('');
}

function expectNoKey(text: string, what: string): void {
  for (const key of KEYS) {
    expect(text, `${what} leaks ${key}`).not.toContain(key);
    expect(text, `${what} leaks ${key} (encoded)`).not.toContain(encodeURIComponent(key));
  }
}

describe('RPC secrets never leak (127.0.0.1 providers answering 401 / 429 / 500)', () => {
  let unauthorized: Provider;
  let limited: Provider;
  let broken: Provider;
  let healthy: Provider;

  beforeAll(async () => {
    [unauthorized, limited, broken, healthy] = await Promise.all([
      provider(401),
      provider(429),
      provider(500),
      provider(200),
    ]);
  });
  afterAll(async () => {
    await Promise.all([unauthorized, limited, broken, healthy].map((p) => p?.close()));
  });

  it('fails over past 401, 429 and 500 to the healthy endpoint, and logs the moves without a key', async () => {
    const rpc = new FailoverRpc([keyed(unauthorized), keyed(limited), keyed(broken), keyed(healthy)], 31_337);
    const moves: unknown[] = [];
    rpc.onFailover = (from, to, error) => {
      moves.push(error);
      logger.warn('rpc failover', { from, to, endpoint: rpc.endpointNames[to], error });
    };
    let block = 0;
    const output = await capture(async () => {
      block = await rpc.call((p) => p.getBlockNumber());
    });
    rpc.destroy();
    expect(block).toBe(42);
    // Each failing provider was asked once (no silent retry loop on 429), the healthy one answered.
    expect(unauthorized.hits).toHaveLength(1);
    expect(limited.hits).toHaveLength(1);
    expect(broken.hits).toHaveLength(1);
    expect(healthy.hits.length).toBeGreaterThanOrEqual(2);
    // The key did reach the provider (it is a real keyed URL), and nowhere else.
    expect(unauthorized.hits[0]).toContain(PATH_KEY);
    expect(moves).toHaveLength(1);
    expect(output).toContain('rpc failover');
    expectNoKey(output, 'log output');
    expectNoKey(inspect(moves, { depth: 20, getters: true }), 'the failover callback error');
  });

  it('throws RpcUnavailableError naming each endpoint by host, with no key in it, its causes or the logs', async () => {
    const rpc = new FailoverRpc([keyed(unauthorized), keyed(limited), keyed(broken)], 31_337);
    let thrown: unknown;
    const output = await capture(async () => {
      try {
        await rpc.call((p) => p.getBlockNumber());
      } catch (error) {
        thrown = error;
        logger.error('publish failed', error as Error);
        logger.error('publish failed (as a field)', { error, cause: (error as Error).cause });
      }
    });
    rpc.destroy();
    expect(thrown).toBeInstanceOf(RpcUnavailableError);
    const message = (thrown as Error).message;
    expect(message).toMatch(/none of the 3 RPC endpoints answered/);
    expect(message).toContain(`#1 http://***@127.0.0.1:${unauthorized.port}/***: server response 401`);
    expect(message).toContain(`#2 http://***@127.0.0.1:${limited.port}/***`);
    expect(message).toContain(`#3 http://***@127.0.0.1:${broken.port}/***: server response 500`);
    expect(output).toContain('publish failed');
    expectNoKey(output, 'log output');
    expectNoKey(inspect(thrown, { depth: 20, getters: true, showHidden: true }), 'the thrown error');
    expectNoKey(JSON.stringify(thrown), 'the thrown error as JSON');
    // What Lambda reports for an uncaught error: the execution output and, via the workflow's
    // failure path, the alarm message carry errorType / errorMessage / stack.
    const error = thrown as Error;
    expectNoKey(
      JSON.stringify({ errorType: error.name, errorMessage: error.message, trace: error.stack }),
      'the Lambda error report',
    );
  });

  it('redacts a raw ethers error logged without passing FailoverRpc (the logger is the redaction point too)', async () => {
    const raw = new JsonRpcProvider(keyed(unauthorized), 31_337, { staticNetwork: true });
    const error = await raw.send('eth_blockNumber', []).catch((e: unknown) => e);
    raw.destroy();
    // The raw error does contain the key: that is what must not get out.
    expect(inspect(error, { depth: 20 })).toContain(PATH_KEY);
    const output = await capture(async () => {
      logger.error('raw provider failure', error as Error);
      logger.info('raw provider failure (as a field)', { error });
    });
    expect(output).toContain('raw provider failure');
    expectNoKey(output, 'log output');
    expectNoKey(inspect(redactValue(error), { depth: 20, getters: true }), 'redactValue of the raw error');
  });

  it('a stage handler that throws a raw provider error returns it redacted (execution output, alarm message)', async () => {
    const handler = createStageHandler({
      stage: 'publish',
      schema: z.object({}),
      handler: async () => {
        const raw = new JsonRpcProvider(keyed(broken), 31_337, { staticNetwork: true });
        try {
          await raw.send('eth_blockNumber', []);
          return { status: 'published', endpoint: keyed(broken) };
        } finally {
          raw.destroy();
        }
      },
    });
    const lambda = { awsRequestId: 'req-1', functionName: 'publish' } as unknown as Context;
    let thrown: unknown;
    const output = await capture(async () => {
      thrown = await handler({}, lambda).catch((e: unknown) => e);
    });
    expect((thrown as { code?: string }).code).toBe('SERVER_ERROR');
    // Lambda reports errorType/errorMessage/stack: that is what Step Functions and SNS receive.
    expectNoKey(
      JSON.stringify({ errorMessage: (thrown as Error).message, stack: (thrown as Error).stack }),
      'the Lambda error',
    );
    expectNoKey(inspect(thrown, { depth: 20, getters: true, showHidden: true }), 'the Lambda error');
    expectNoKey(output, 'log output');
  });
});
