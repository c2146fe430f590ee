/** `ballast contract deploy|configure|status` against a real anvil, through the CLI runner. */
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildContracts } from '../../../../contracts/build.js';
import defaultAssetsConfig from '../../../../shared/config/assets.default.json' with { type: 'json' };
import { parseAssetsConfig } from '../../../../shared/config/parseAssetsConfig.js';
import { guardrailsFromAssetConfig } from '../../../../shared/chain/oracle/guardrailsFromAssetConfig.js';
import { anvilDevAccount } from '../../../../shared/chain/oracle/anvilDevAccount.js';
import { registerContractCommand } from '../../../../shared/cli/commands/contract.js';
import { runCli } from '../../../../shared/cli/runCli.js';
import { startAnvil, type StartAnvilResult } from '../../../../shared/localstack/startAnvil.js';
import { signerWallet } from '../../../contracts/oracleFixture.js';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const program = new Command('ballast');
  registerContractCommand(program);
  const out: string[] = [];
  const err: string[] = [];
  const log = vi
    .spyOn(console, 'log')
    .mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  try {
    const code = await runCli(program, ['node', 'ballast', ...args]);
    return { code, out: out.join('\n'), err: err.join('') };
  } finally {
    log.mockRestore();
    write.mockRestore();
  }
}

describe('ballast contract', () => {
  let anvil: StartAnvilResult;
  const key = anvilDevAccount(0).privateKey;
  beforeAll(async () => {
    buildContracts();
    anvil = await startAnvil();
  });
  afterAll(async () => {
    await anvil?.stop();
  });
  afterEach(() => {
    delete process.env.BALLAST_DEPLOYER_KEY;
  });

  it('deploys, configures from the assets config, and reports status, never printing the key', async () => {
    process.env.BALLAST_DEPLOYER_KEY = key;
    const signer = signerWallet(0).address;
    const deployed = await run('contract', 'deploy', '--rpc', anvil.rpcUrl, '--signer', signer);
    expect(deployed.code, deployed.err).toBe(0);
    const address = /deployed at (0x[0-9a-fA-F]{40})/.exec(deployed.out)?.[1] as string;
    expect(address).toBeDefined();

    const configured = await run(
      'contract',
      'configure',
      '--rpc',
      anvil.rpcUrl,
      '--address',
      address,
      '--assets',
      'btc,eth',
    );
    expect(configured.code, configured.err).toBe(0);
    expect(configured.out).toContain('configured BTC, ETH');
    // The shipped config's BTC guardrails, as the command derives them (they follow the engine's defaults).
    const config = parseAssetsConfig(defaultAssetsConfig, 'assets.default.json');
    const g = guardrailsFromAssetConfig({
      asset: config.assets.BTC as NonNullable<(typeof config.assets)['BTC']>,
      cyclePeriodSeconds: config.cyclePeriodSeconds,
    });
    expect(configured.out).toContain(
      `BTC    ltv [${g.minLtvBps}, ${g.maxLtvBps}] lt [${g.minLtBps}, ${g.maxLtBps}] lb [${g.minLbBps}, ${g.maxLbBps}] bp, step +${g.maxLoosenBps}/−${g.maxTightenBps} bp, every ≥ ${g.minIntervalSec} s`,
    );

    const status = await run('contract', 'status', '--rpc', anvil.rpcUrl, '--address', address);
    expect(status.code, status.err).toBe(0);
    expect(status.out).toContain(`signers ${signer} (threshold 1)`);
    expect(status.out).toMatch(/BTC\s+configured, no parameters yet/);
    for (const output of [deployed, configured, status]) {
      expect(output.out + output.err).not.toContain(key.slice(2));
    }
  });

  it('exits 2 with a one-line reason on bad input', async () => {
    let result = await run('contract', 'deploy', '--rpc', anvil.rpcUrl, '--signer', '0x1234');
    expect(result.code).toBe(2);
    expect(result.err).toContain('--signer: "0x1234" is not an address');
    result = await run('contract', 'deploy', '--rpc', anvil.rpcUrl, '--signer', signerWallet(0).address);
    expect(result.code).toBe(2);
    expect(result.err).toContain('BALLAST_DEPLOYER_KEY is not set');
    process.env.BALLAST_DEPLOYER_KEY = 'not-a-key';
    result = await run(
      'contract',
      'deploy',
      '--rpc',
      anvil.rpcUrl,
      '--signer',
      signerWallet(0).address,
      '--threshold',
      '2',
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain('--threshold: "2" is not allowed');
    result = await run('contract', 'status', '--rpc', anvil.rpcUrl);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--address is required');
    process.env.BALLAST_DEPLOYER_KEY = key;
    const signer = signerWallet(0).address;
    result = await run('contract', 'deploy', '--rpc', anvil.rpcUrl, '--signer', signer, '--max-age', '1920');
    expect(result.code).toBe(2);
    expect(result.err).toContain('--max-age: "1920" is not allowed; expected a whole number from 1 to 1919');
    result = await run(
      'contract',
      'deploy',
      '--rpc',
      anvil.rpcUrl,
      '--signer',
      signer,
      '--initial-round',
      '-1',
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      '--initial-round: "-1" is not allowed; expected a whole number from 0 to 2^64-1',
    );
  });

  it("deploys a migration target that continues the previous oracle's rounds (--initial-round)", async () => {
    process.env.BALLAST_DEPLOYER_KEY = key;
    const signer = signerWallet(0).address;
    const deployed = await run(
      'contract',
      'deploy',
      '--rpc',
      anvil.rpcUrl,
      '--signer',
      signer,
      '--initial-round',
      '18446744073709551000',
    );
    expect(deployed.code, deployed.err).toBe(0);
    const address = /deployed at (0x[0-9a-fA-F]{40})/.exec(deployed.out)?.[1] as string;
    const status = await run('contract', 'status', '--rpc', anvil.rpcUrl, '--address', address);
    expect(status.code, status.err).toBe(0);
    expect(status.out).toContain('last round 18446744073709551000');
  });
});
