import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../shared/config/errors.js';
import { positionMarketsFromEnv } from '../../../shared/config/positionMarketsFromEnv.js';
import { readRuntimeEnv } from '../../../shared/config/runtimeEnv.js';

const market = { chainId: 8453, address: `0x${'1'.repeat(40)}`, startBlock: 100, collateralAsset: 'ETH' };
const parse = (value: unknown) =>
  positionMarketsFromEnv(readRuntimeEnv({ BALLAST_POSITION_MARKETS_JSON: JSON.stringify(value) }));

describe('positionMarketsFromEnv', () => {
  it('is empty without the variable', () => {
    expect(positionMarketsFromEnv(readRuntimeEnv({}))).toEqual([]);
  });

  it('applies the defaults: no confirmations, a USD debt token, 18 decimals', () => {
    expect(parse([market])).toEqual([
      { ...market, confirmations: 0, debtAsset: 'USD', collateralDecimals: 18, debtDecimals: 18 },
    ]);
  });

  it('names the variable, each field and what is allowed', () => {
    let error: unknown;
    try {
      parse([{ ...market, confirmations: 300, debtDecimals: 40, maxBlockRange: 0 }]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.path)).toEqual([
      '0.confirmations',
      '0.maxBlockRange',
      '0.debtDecimals',
    ]);
    expect((error as Error).message).toContain('0.debtDecimals: token decimals are 0–36');
    expect((error as Error).message).toContain('BALLAST_POSITION_MARKETS_JSON');
  });

  it('refuses a market listed twice (addresses compared without case) and text that is not JSON', () => {
    expect(() =>
      parse([market, { ...market, address: market.address.toUpperCase().replace('0X', '0x') }]),
    ).toThrow(/\(root\): a market \(chainId, address\) may be listed once/);
    expect(() => positionMarketsFromEnv(readRuntimeEnv({ BALLAST_POSITION_MARKETS_JSON: '[{' }))).toThrow(
      /BALLAST_POSITION_MARKETS_JSON: 1 problem\n {2}- \(root\): not valid JSON/,
    );
  });
});
