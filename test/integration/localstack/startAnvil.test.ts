/** startAnvil: loopback only, health-checked, clear error on a busy port, no process left behind. */
import { afterAll, describe, expect, it } from 'vitest';
import { startAnvil, type StartAnvilResult } from '../../../shared/localstack/startAnvil.js';

describe('startAnvil', () => {
  const started: StartAnvilResult[] = [];
  afterAll(async () => {
    await Promise.all(started.map((a) => a.stop()));
  });

  it('answers eth_chainId on 127.0.0.1 with the requested chain id, and exits on stop', async () => {
    const anvil = await startAnvil({ chainId: 1_337 });
    started.push(anvil);
    expect(anvil.rpcUrl).toBe(`http://127.0.0.1:${anvil.port}`);
    const response = await fetch(anvil.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    });
    expect(Number(((await response.json()) as { result: string }).result)).toBe(1_337);
    await anvil.stop();
    expect(anvil.process.exitCode !== null || anvil.process.signalCode !== null).toBe(true);
    await anvil.stop(); // idempotent
  });

  it('fails with a clear error when the port is taken', async () => {
    const first = await startAnvil();
    started.push(first);
    await expect(startAnvil({ port: first.port })).rejects.toThrow(
      `port ${first.port} on 127.0.0.1 is already in use`,
    );
  });

  it('does not mine without transactions when noMining is set', async () => {
    const anvil = await startAnvil({ noMining: true });
    started.push(anvil);
    const blockNumber = async (): Promise<number> => {
      const response = await fetch(anvil.rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }),
      });
      return Number(((await response.json()) as { result: string }).result);
    };
    expect(await blockNumber()).toBe(0);
  });
});
