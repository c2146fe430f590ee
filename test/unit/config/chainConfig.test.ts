import { describe, expect, it } from 'vitest';
import { chainConfigSchema, chainsConfigSchema } from '../../../shared/config/chainConfig.js';
import { chainSelectionProblems } from '../../../shared/config/chainSelectionProblems.js';
import { ConfigError } from '../../../shared/config/errors.js';
import { formatZodIssues } from '../../../shared/config/formatZodIssues.js';
import { publisherChainFromEnv } from '../../../shared/config/publisherChainFromEnv.js';
import { readRuntimeEnv } from '../../../shared/config/runtimeEnv.js';

const base = {
  name: 'base',
  chainId: 8453,
  oracleAddress: '0x1111111111111111111111111111111111111111',
  rpcUrlsParameterName: '/ballast/qa/rpc-urls/8453',
  minSignerBalanceEth: 0.1,
};
const arbitrum = {
  ...base,
  name: 'arbitrum',
  chainId: 42161,
  rpcUrlsParameterName: '/ballast/qa/rpc-urls/42161',
};

function problems(value: unknown): string[] {
  const parsed = chainsConfigSchema.safeParse(value);
  return parsed.success ? [] : formatZodIssues(parsed.error.issues);
}

describe('chain list config', () => {
  it('a single-chain entry without the multi-chain fields is a valid one-element list (back-compat)', () => {
    const [chain] = chainsConfigSchema.parse([base]);
    expect(chain).toEqual(base);
    expect(chain?.confirmations).toBeUndefined();
    expect(chain?.assets).toBeUndefined();
  });

  it('accepts per-chain confirmations, fee policy, assets and pairs', () => {
    const chains = chainsConfigSchema.parse([
      base,
      {
        ...arbitrum,
        confirmations: 3,
        feePolicy: { maxFeePerGasGwei: 2.5, bumpPercent: 15 },
        assets: ['BTC', 'ETH'],
        pairs: ['BTC/ETH'],
      },
    ]);
    expect(chains[1]).toMatchObject({ confirmations: 3, assets: ['BTC', 'ETH'], pairs: ['BTC/ETH'] });
  });

  it('names the field and what is allowed', () => {
    expect(problems([])).toEqual(['(root): at least one chain is required']);
    expect(problems([base, { ...arbitrum, chainId: 8453 }])).toEqual(['(root): chain ids must be unique']);
    expect(problems([base, { ...arbitrum, name: 'base' }])).toEqual(['(root): chain names must be unique']);
    expect(problems([{ ...base, confirmations: 0 }])).toEqual([
      '0.confirmations: Too small: expected number to be >=1',
    ]);
    expect(problems([{ ...base, assets: ['btc'] }])).toEqual([
      '0.assets.0: asset names are upper-case symbols like BTC',
    ]);
    expect(problems([{ ...base, pairs: ['BTC-ETH'] }])).toEqual([
      '0.pairs.0: a pair is two asset symbols joined by "/", e.g. BTC/ETH',
    ]);
    expect(problems([{ ...base, feePolicy: { bumpPercent: 5 } }])).toEqual([
      '0.feePolicy.bumpPercent: Too small: expected number to be >=10',
    ]);
    expect(problems([{ ...base, rpcUrls: ['https://x'] }])).toEqual(['0: Unrecognized key: "rpcUrls"']);
  });

  it('refuses assets the assets config lacks and pairs whose assets the chain does not publish', () => {
    const assets = ['BTC', 'ETH', 'SOL'];
    expect(chainSelectionProblems([base], assets)).toEqual([]);
    expect(
      chainSelectionProblems([{ ...base, assets: ['BTC', 'DOGE'], pairs: ['BTC/ETH'] }], assets),
    ).toEqual([
      { path: 'chains.0.assets.1', message: '"DOGE" is not in the assets config; allowed: BTC, ETH, SOL' },
      {
        path: 'chains.0.pairs.0',
        message: 'pair "BTC/ETH" needs ETH published on base; its assets are BTC, DOGE',
      },
    ]);
  });
});

describe('publisherChainFromEnv', () => {
  it('reads the single-chain variables as a one-element list', () => {
    const env = readRuntimeEnv({ BALLAST_CHAIN_ID: '31337', BALLAST_ORACLE_ADDRESS: base.oracleAddress });
    expect(publisherChainFromEnv(env)).toEqual({
      name: 'chain-31337',
      chainId: 31337,
      oracleAddress: base.oracleAddress,
    });
    expect(publisherChainFromEnv(readRuntimeEnv({}))).toBeUndefined();
  });

  it('reads the chain entry the stack sets, which must agree with the single-chain variables', () => {
    const json = JSON.stringify({ ...arbitrum, confirmations: 2 });
    expect(publisherChainFromEnv(readRuntimeEnv({ BALLAST_CHAIN_CONFIG_JSON: json }))).toMatchObject({
      name: 'arbitrum',
      chainId: 42161,
      confirmations: 2,
    });
    const mismatch = (): unknown =>
      publisherChainFromEnv(
        readRuntimeEnv({
          BALLAST_CHAIN_CONFIG_JSON: json,
          BALLAST_CHAIN_ID: '8453',
          BALLAST_ORACLE_ADDRESS: base.oracleAddress,
        }),
      );
    expect(mismatch).toThrow(ConfigError);
    expect(mismatch).toThrow(/chainId: 42161 differs from BALLAST_CHAIN_ID=8453/);
    expect(() =>
      publisherChainFromEnv(
        readRuntimeEnv({ BALLAST_CHAIN_CONFIG_JSON: JSON.stringify({ ...base, chainId: -1 }) }),
      ),
    ).toThrow(/chainId: Too small: expected number to be >0/);
    expect(() => publisherChainFromEnv(readRuntimeEnv({ BALLAST_CHAIN_CONFIG_JSON: '{base' }))).toThrow(
      /BALLAST_CHAIN_CONFIG_JSON[\s\S]*not valid JSON/,
    );
  });

  it("the schema keeps the stage config's single-chain fields required", () => {
    expect(chainConfigSchema.safeParse({ ...base, rpcUrlsParameterName: undefined }).success).toBe(false);
  });
});
