import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainIdMismatchError, RpcUnavailableError } from '../../../../shared/chain/rpc/errors.js';
import { FailoverRpc } from '../../../../shared/chain/rpc/FailoverRpc.js';
import { freePort } from '../../../../shared/localstack/freePort.js';

interface FakeNode {
  readonly url: string;
  /** Methods received, in order. */
  readonly methods: string[];
  close(): Promise<void>;
}

/**
 * A minimal JSON-RPC node on 127.0.0.1: answers eth_chainId with `chainId`, and every other
 * method from `answers` (a result, or a JSON-RPC error object).
 */
async function fakeNode(
  chainId: number,
  answers: Record<string, { result: unknown } | { error: { code: number; message: string; data?: string } }>,
): Promise<FakeNode> {
  const methods: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { id: number; method: string } | { id: number; method: string }[];
      const one = (r: { id: number; method: string }): unknown => {
        methods.push(r.method);
        const answer =
          r.method === 'eth_chainId'
            ? { result: `0x${chainId.toString(16)}` }
            : (answers[r.method] ?? { error: { code: -32601, message: 'method not found' } });
        return { jsonrpc: '2.0', id: r.id, ...answer };
      };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(Array.isArray(parsed) ? parsed.map(one) : one(parsed)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    methods,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('FailoverRpc against fake JSON-RPC nodes', () => {
  let wrongChain: FakeNode;
  let good: FakeNode;
  let refusing: FakeNode;
  let closedUrl: string;

  beforeAll(async () => {
    wrongChain = await fakeNode(1, { eth_blockNumber: { result: '0x63' } });
    good = await fakeNode(31_337, {
      eth_blockNumber: { result: '0x7' },
      eth_sendRawTransaction: { result: '0x' + 'ab'.repeat(32) },
    });
    refusing = await fakeNode(31_337, {
      eth_sendRawTransaction: { error: { code: -32000, message: 'already known' } },
      eth_call: { error: { code: 3, message: 'execution reverted', data: '0x08c379a0' } },
    });
    closedUrl = `http://127.0.0.1:${await freePort()}`;
  });
  afterAll(async () => {
    await Promise.all([wrongChain, good, refusing].map((n) => n?.close()));
  });

  it('refuses an endpoint on another chain before using it, and moves on to the next', async () => {
    const rpc = new FailoverRpc([wrongChain.url, good.url], 31_337);
    const moves: unknown[] = [];
    rpc.onFailover = (from, to, error) => moves.push([from, to, error]);
    try {
      expect(await rpc.call((p) => p.getBlockNumber())).toBe(7);
      expect(wrongChain.methods).toEqual(['eth_chainId']);
      expect(moves).toHaveLength(1);
      expect(moves[0]).toEqual([0, 1, expect.any(ChainIdMismatchError)]);
      // The endpoint that answered stays current: the next call goes straight there.
      await rpc.call((p) => p.getBlockNumber());
      expect(wrongChain.methods).toEqual(['eth_chainId']);
      expect(good.methods.filter((m) => m === 'eth_chainId')).toHaveLength(1);
    } finally {
      rpc.destroy();
    }
  });

  it('skips a closed port', async () => {
    const rpc = new FailoverRpc([closedUrl, good.url], 31_337);
    try {
      expect(await rpc.call((p) => p.getBlockNumber())).toBe(7);
    } finally {
      rpc.destroy();
    }
  });

  it('fails with RpcUnavailableError (cause: the last failure) when no endpoint answers', async () => {
    const rpc = new FailoverRpc([closedUrl, wrongChain.url], 31_337);
    try {
      const error = await rpc.call((p) => p.getBlockNumber()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RpcUnavailableError);
      expect((error as RpcUnavailableError).cause).toBeInstanceOf(ChainIdMismatchError);
    } finally {
      rpc.destroy();
    }
  });

  it("returns a node's JSON-RPC error and a revert as they are, without asking the next endpoint", async () => {
    const rpc = new FailoverRpc([refusing.url, good.url], 31_337);
    try {
      const sent = await rpc.call((p) => p.send('eth_sendRawTransaction', ['0x01'])).catch((e: unknown) => e);
      expect(String(sent)).toMatch(/already known/);
      const reverted = await rpc
        .call((p) => p.call({ to: '0x' + '11'.repeat(20), data: '0x' }))
        .catch((e: unknown) => e);
      expect((reverted as { code?: string }).code).toBe('CALL_EXCEPTION');
      expect(good.methods).not.toContain('eth_sendRawTransaction');
      expect(good.methods).not.toContain('eth_call');
    } finally {
      rpc.destroy();
    }
  });

  it('rejects an empty endpoint list', () => {
    expect(() => new FailoverRpc([], 31_337)).toThrow(RpcUnavailableError);
  });
});
