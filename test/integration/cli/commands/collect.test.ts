import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerCollectCommand } from '../../../../shared/cli/commands/collect.js';
import {
  startExchangeSimulator,
  type ExchangeSimulator,
} from '../../../../shared/localstack/exchangeSim/startExchangeSimulator.js';

describe('ballast collect --sim', () => {
  let sim: ExchangeSimulator;
  beforeAll(async () => {
    sim = await startExchangeSimulator({ seed: 5 });
  });
  afterAll(async () => {
    await sim.stop();
  });

  async function runCollect(args: string[]) {
    let stdout = '';
    let stderr = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    });
    const program = new Command('ballast').exitOverride().configureOutput({ writeErr: (t) => (stderr += t) });
    registerCollectCommand(program);
    for (const c of program.commands) c.exitOverride();
    const before = process.exitCode;
    try {
      await program.parseAsync(['collect', ...args], { from: 'user' });
      return { stdout, stderr, code: process.exitCode ?? 0 };
    } catch (error) {
      if (error instanceof CommanderError) return { stdout, stderr, code: error.exitCode };
      throw error;
    } finally {
      spy.mockRestore();
      process.exitCode = before;
    }
  }

  it('prints a per-venue summary with the reference price', async () => {
    sim.setFault('kraken', 'crossedBook');
    try {
      const r = await runCollect(['--asset', 'ETH', '--sim', sim.baseUrl, '--history-days', '2']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^ETH {2}\S+ {2}reference [\d,.]+ USD {2}\(4\/5 venues, quorum 3\)/);
      expect(r.stdout).toMatch(/\nkraken +ETHUSD +USD +crossedBook/);
      expect(r.stdout).toContain('candles: 48 hourly');
      expect(r.stdout).toContain('degraded: no');
    } finally {
      sim.setFault('kraken', null);
    }
  });

  it('--json prints the compact snapshot', async () => {
    const r = await runCollect(['--asset', 'SOL', '--sim', sim.baseUrl, '--history-days', '0', '--json']);
    const compact = JSON.parse(r.stdout) as { asset: string; venues: unknown[]; topBids: unknown[] };
    expect(compact.asset).toBe('SOL');
    expect(compact.venues).toHaveLength(5);
    expect(compact.topBids).toHaveLength(50);
  });

  it.each([
    [['--asset', 'BTC'], /exactly one of --live .* or --sim/],
    [
      ['--asset', 'DOGE', '--sim', 'http://127.0.0.1:1'],
      /--asset "DOGE" is not configured; configured: BTC, ETH/,
    ],
    [['--asset', 'BTC', '--sim', 'localhost'], /--sim "localhost" is not an http\(s\) URL/],
    [
      ['--asset', 'BTC', '--sim', 'http://127.0.0.1:1', '--history-days', '-3'],
      /--history-days "-3" must be/,
    ],
  ])('%j: exit 2 with a clear line', async (args, message) => {
    const r = await runCollect(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
