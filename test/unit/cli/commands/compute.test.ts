import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { registerComputeCommand } from '../../../../shared/cli/commands/compute.js';
import type { RiskRecord } from '../../../../shared/risk/types.js';
import { asOfAfter, syntheticCandles } from '../../../fixtures/risk/syntheticCandles.js';

const dir = mkdtempSync(join(tmpdir(), 'ballast-compute-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = 0;
});

async function run(args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  const program = new Command();
  program.exitOverride();
  registerComputeCommand(program);
  await program.parseAsync(['compute', ...args], { from: 'user' });
  const exitCode = Number(process.exitCode ?? 0);
  vi.restoreAllMocks();
  return { stdout: out.join(''), stderr: err.join(''), exitCode };
}

describe('ballast compute', () => {
  const candles = syntheticCandles({ seed: 77, hours: 24 * 100 });
  const inputsPath = join(dir, 'inputs.json');
  writeFileSync(
    inputsPath,
    JSON.stringify({
      asset: 'BTC',
      asOf: asOfAfter(candles),
      candles,
      quality: { degraded: false, reasons: [] },
    }),
  );

  it('prints the record as JSON, identical on every run, and chains with --previous', async () => {
    const first = await run(['--inputs', inputsPath]);
    expect(first.exitCode).toBe(0);
    const record = JSON.parse(first.stdout) as RiskRecord;
    expect(record.asset).toBe('BTC');
    expect(record.publish.reason).toBe('first');
    expect((await run(['--inputs', inputsPath])).stdout).toBe(first.stdout);
    const previousPath = join(dir, 'previous.json');
    writeFileSync(previousPath, JSON.stringify(record.nextState));
    const second = JSON.parse(
      (await run(['--inputs', inputsPath, '--previous', previousPath])).stdout,
    ) as RiskRecord;
    expect(second.previousHash).toMatch(/^[0-9a-f]{64}$/);
    expect(second.publish.due).toBe(false);
  });

  it('bad inputs: every problem with its field path, exit code 2', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        asset: 'BTC',
        asOf: -1,
        candles: [[0, 1, 1, 1, 'x', 1]],
        quality: { degraded: 'no', reasons: [] },
      }),
    );
    const r = await run(['--inputs', bad]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^ballast: invalid .*bad\.json: 3 problem/);
    expect(r.stderr).toMatch(/- asOf: /);
    expect(r.stderr).toMatch(/- candles\.0\.4: /);
    expect(r.stderr).toMatch(/- quality\.degraded: /);
  });

  it('an unknown asset or a broken config exits 2 and says what is allowed', async () => {
    const doge = join(dir, 'doge.json');
    writeFileSync(
      doge,
      JSON.stringify({
        asset: 'DOGE',
        asOf: asOfAfter(candles),
        candles: candles.slice(0, 10),
        quality: { degraded: false, reasons: [] },
      }),
    );
    const r = await run(['--inputs', doge]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/asset "DOGE" is not configured .*configured: BTC, ETH, SOL, XRP, BNB/);
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        assets: {
          BTC: { venues: [], liquidationSizeUsd: 0, bounds: { ltv: [0, 1], lt: [0, 1], lb: [0, 1] } },
        },
      }),
    );
    const c = await run(['--inputs', inputsPath, '--config', config]);
    expect(c.exitCode).toBe(2);
    expect(c.stderr).toMatch(/assets\.BTC\.venues: /);
    expect(c.stderr).toMatch(/assets\.BTC\.liquidationSizeUsd: /);
  });
});
