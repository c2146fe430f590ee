import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../shared/config/errors.js';
import { DEFAULTS } from '../../../shared/config/defaults.js';
import { parseAssetsConfig } from '../../../shared/config/parseAssetsConfig.js';

const shipped = readFileSync(new URL('../../../shared/config/assets.default.json', import.meta.url), 'utf8');

describe('parseAssetsConfig', () => {
  it('accepts the shipped configuration and fills every risk default from DEFAULTS', () => {
    const config = parseAssetsConfig(shipped, 'assets.default.json');
    const btc = config.assets.BTC!;
    expect(btc.apcMode).toBe(DEFAULTS.apcMode);
    expect(btc.lambdaFast).toBe(DEFAULTS.lambdaFast);
    expect(btc.fhsMinDays).toBe(DEFAULTS.fhsMinDays);
    expect(btc.fixedHorizonHours).toBeUndefined();
    expect(Object.keys(config.assets).sort()).toEqual(['BNB', 'BTC', 'ETH', 'SOL', 'XRP']);
  });

  it('lists every problem at once with its field path', () => {
    const json = JSON.parse(shipped) as { assets: Record<string, Record<string, unknown>> };
    json.assets.BTC!.apcMode = 'sometimes';
    json.assets.BTC!.liquidationSizeUsd = -1;
    json.assets.ETH!.bounds = { ltv: [100, 8500], lt: [9500, 9000], lb: [200, 1500] };
    json.assets.SOL!.unknownField = 1;
    let error: unknown;
    try {
      parseAssetsConfig(json, 'test.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.path);
    expect(problems).toEqual(
      expect.arrayContaining([
        'assets.BTC.apcMode',
        'assets.BTC.liquidationSizeUsd',
        'assets.ETH.bounds.lt',
        'assets.SOL',
      ]),
    );
    expect((error as ConfigError).message).toMatch(/invalid configuration in test\.json: \d+ problems/);
    expect((error as ConfigError).message).toMatch(/assets\.BTC\.apcMode: /);
  });

  it('rejects bounds that make the freeze or LT·(1+LB) ≤ 1 impossible', () => {
    const json = JSON.parse(shipped) as { assets: Record<string, Record<string, unknown>> };
    json.assets.BTC!.bounds = { ltv: [100, 8500], lt: [9000, 9500], lb: [200, 1500] };
    expect(() => parseAssetsConfig(json, 'x')).toThrow(/assets\.BTC\.bounds\.ltv\.0: must be 0/);
    expect(() => parseAssetsConfig(json, 'x')).toThrow(/assets\.BTC\.bounds\.lt\.0: .*LT·\(1\+LB\) ≤ 1/);
  });

  it('reports invalid JSON text as one problem at the root', () => {
    expect(() => parseAssetsConfig('{ nope', 'broken.json')).toThrow(
      /broken\.json: 1 problem\n {2}- \(root\): not valid JSON/,
    );
  });
});
