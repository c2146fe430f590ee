import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { Contract, JsonRpcProvider } from 'ethers';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerPublishCommand } from '../../../../shared/cli/commands/publish.js';
import { runCli } from '../../../../shared/cli/runCli.js';
import { anvilDevAccount } from '../../../../shared/chain/oracle/anvilDevAccount.js';
import { RISK_ORACLE_ABI } from '../../../../shared/chain/oracle/riskOracleAbi.js';
import { createLocalPublisherContext } from '../../../../shared/localstack/createLocalPublisherContext.js';
import { acquireLease } from '../../../../shared/store/acquireLease.js';
import { releaseLease } from '../../../../shared/store/releaseLease.js';
import { ledgerSender } from '../../../../shared/store/ledgerSender.js';
import { startTestStack, type TestStack } from '../../support/startTestStack.js';

/** Runs `ballast publish …` in-process in `cwd` (where `.ballast/stack.json` is looked up). */
async function publishCli(cwd: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const program = new Command('ballast');
  registerPublishCommand(program);
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const code = await runCli(program, ['node', 'ballast', 'publish', ...args]);
    return { code, out: out.join('\n'), err: err.join('') };
  } finally {
    process.chdir(previous);
    log.mockRestore();
    write.mockRestore();
  }
}

describe('ballast publish --local', () => {
  let t: TestStack;
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'ballast-publish-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    t = await startTestStack();
  });
  afterAll(async () => {
    await t?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => vi.restoreAllMocks());

  it('says clearly that no stack runs, and how to start one (exit 3: environment)', async () => {
    const { code, err } = await publishCli(tempDir(), ['--local', '--assets', 'BTC']);
    expect(code).toBe(3);
    expect(err).toMatch(
      /^ballast: publish --local: no local stack is running \(no live \.ballast\/stack\.json\) \(fix: start one with `npx ballast stack up`/,
    );
  });

  it('refuses an unknown asset naming the flag, the value and the configured assets (exit 2)', async () => {
    const { code, err } = await publishCli(tempDir(), ['--local', '--assets', 'BTC,DOGE']);
    expect(code).toBe(2);
    expect(err).toMatch(/--assets: unknown asset "DOGE"; configured assets are BTC, ETH, SOL, XRP, BNB/);
  });

  it('collects, computes and publishes the assets in one round on the running stack', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, '.ballast'));
    // This test process stands in for the stack's supervisor (its pid is alive).
    writeFileSync(join(cwd, '.ballast', 'stack.json'), JSON.stringify(t.state));
    const { code, out, err } = await publishCli(cwd, ['--local', '--assets', 'BTC,ETH']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(
      new RegExp(`^oracle ${t.state.oracle.address} on chain 31337, signer 0x[0-9a-fA-F]{40}`),
    );
    expect(out).toMatch(/^BTC .* publish \(/m);
    expect(out).toMatch(/^ETH .* publish \(/m);
    expect(out).toMatch(/^published round 1: tx 0x[0-9a-f]{64} \(block \d+, gas \d+\)/m);
  });

  it('exits 5 with one line when another publisher holds the lease, and sends nothing', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, '.ballast'));
    writeFileSync(join(cwd, '.ballast', 'stack.json'), JSON.stringify(t.state));
    const context = createLocalPublisherContext(t.state, t.config);
    const lease = `publisher#${ledgerSender(context.rpc.chainId, await context.signer.getAddress())}`;
    try {
      // Another publisher (the scheduled one, say) is in the middle of its step.
      const held = await acquireLease(context.dynamo, context.tables, {
        name: lease,
        owner: 'another-publisher',
        now: Date.now(),
        ttlMs: 600_000,
      });
      expect(held).toBe(true);
      const { code, out, err } = await publishCli(cwd, ['--local', '--assets', 'BTC']);
      expect(code).toBe(5);
      expect(out).toMatch(/another publisher holds the lease/);
      expect(err).toBe(
        'ballast: publish step ended busy; see the outcome above (fix: another publisher holds the lease; run again when it is done)\n',
      );
    } finally {
      await releaseLease(context.dynamo, context.tables, lease, 'another-publisher');
      context.close();
    }
  });

  it('exits 1 with one line when the oracle refuses the round (paused by its guardian)', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, '.ballast'));
    writeFileSync(join(cwd, '.ballast', 'stack.json'), JSON.stringify(t.state));
    const provider = new JsonRpcProvider(t.state.anvil.rpcUrl);
    // The stack's deployer (anvil's first dev account) is the oracle's owner and guardian.
    const oracle = new Contract(t.state.oracle.address, RISK_ORACLE_ABI, anvilDevAccount(0, provider));
    await (await oracle.getFunction('pause')()).wait();
    try {
      // SOL was never published: its first record is due, and the paused oracle refuses it.
      const { code, out, err } = await publishCli(cwd, ['--local', '--assets', 'SOL']);
      expect(code, out + err).toBe(1);
      // (The publisher's own JSON log lines reach stderr in this test process; the CLI silences them.)
      const lines = err.split('\n').filter((line) => line.startsWith('ballast'));
      expect(lines, err).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^ballast: publish step ended (rejected|reverted); see the outcome above \(fix: read the reason above/,
      );
      expect(out).toMatch(/paused/i);
    } finally {
      await (await oracle.getFunction('unpause')()).wait();
      provider.destroy();
    }
  });
});
