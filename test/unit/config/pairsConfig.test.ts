import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../shared/config/errors.js';
import { DEFAULTS } from '../../../shared/config/defaults.js';
import { parseAssetsConfig } from '../../../shared/config/parseAssetsConfig.js';
import { parsePairId } from '../../../shared/config/parsePairId.js';
import { riskConfigOf } from '../../../shared/config/riskConfigOf.js';
import { riskIds } from '../../../shared/config/riskIds.js';

const shipped = JSON.parse(
  readFileSync(new URL('../../../shared/config/assets.default.json', import.meta.url), 'utf8'),
) as { assets: Record<string, unknown>; pairs?: Record<string, unknown> };

const withPairs = (pairs: Record<string, unknown>): unknown => ({ ...shipped, pairs });

function problems(json: unknown): string[] {
  try {
    parseAssetsConfig(json, 'pairs.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('pairs in the assets config (docs/cross-asset.md §2)', () => {
  it('defaults to no pairs; every id the oracle publishes is an asset then', () => {
    const config = parseAssetsConfig({ ...shipped, pairs: undefined }, 'x');
    expect(config.pairs).toEqual({});
    expect(riskIds(config)).toEqual(Object.keys(config.assets));
  });

  it("resolves a pair to its collateral's config with the pair bounds and its own overrides", () => {
    const config = parseAssetsConfig(
      withPairs({
        'ETH/BTC': {},
        'SOL/ETH': { bounds: { lt: [6000, 9300] }, maxTightenPerUpdateBps: 300, heartbeatSeconds: 3600 },
      }),
      'x',
    );
    expect(riskIds(config).slice(-2)).toEqual(['ETH/BTC', 'SOL/ETH']);
    const eth = config.assets.ETH!;
    const ethBtc = riskConfigOf(config, 'ETH/BTC')!;
    // Everything the engine reads is the collateral's, except the bounds.
    expect({ ...ethBtc, bounds: eth.bounds }).toEqual(eth);
    expect(ethBtc.bounds).toEqual({
      ltv: [...DEFAULTS.pairBounds.ltv],
      lt: [...DEFAULTS.pairBounds.lt],
      lb: eth.bounds.lb,
    });
    const solEth = riskConfigOf(config, 'SOL/ETH')!;
    expect(solEth.bounds.lt).toEqual([6000, 9300]);
    expect(solEth.bounds.ltv).toEqual([...DEFAULTS.pairBounds.ltv]);
    expect(solEth.maxTightenPerUpdateBps).toBe(300);
    expect(solEth.heartbeatSeconds).toBe(3600);
    expect(solEth.venues).toEqual(config.assets.SOL!.venues);
    expect(riskConfigOf(config, 'BTC')).toBe(config.assets.BTC);
    expect(riskConfigOf(config, 'BTC/ETH')).toBeUndefined();
    expect(riskConfigOf(config, 'DOGE')).toBeUndefined();
  });

  it('refuses a pair whose legs are unknown, equal, or an asset against USD, naming the pair', () => {
    expect(problems(withPairs({ 'ETH/DOGE': {} }))).toEqual([
      expect.stringMatching(
        /^pairs\.ETH\/DOGE: debt "DOGE" is not a configured asset; allowed: BTC, ETH, SOL, XRP, BNB/,
      ),
    ]);
    expect(problems(withPairs({ 'ETH/USD': {} }))[0]).toMatch(
      /^pairs\.ETH\/USD: debt "USD" is not a configured asset; .*an asset against USD is the asset itself/,
    );
    expect(problems(withPairs({ 'BTC/BTC': {} }))).toEqual([
      'pairs.BTC/BTC: collateral and debt are both "BTC"; a pair needs two different assets',
    ]);
  });

  it('refuses malformed ids, unknown members and out-of-range values with the field path', () => {
    expect(problems(withPairs({ 'eth/btc': {} }))[0]).toMatch(/^pairs\.eth\/btc: .*COLLATERAL\/DEBT/);
    expect(problems(withPairs({ ETHBTC: {} }))[0]).toMatch(/^pairs\.ETHBTC: .*COLLATERAL\/DEBT/);
    expect(problems(withPairs({ 'ETH/BTC': { lt: 9000 } }))[0]).toMatch(/^pairs\.ETH\/BTC: .*"lt"/);
    expect(problems(withPairs({ 'ETH/BTC': { bounds: { lt: [9800, 9700] } } }))[0]).toMatch(
      /^pairs\.ETH\/BTC\.bounds\.lt: range must be \[min, max\]/,
    );
    expect(problems(withPairs({ 'ETH/BTC': { bounds: { lt: [5000, 10_001] } } }))[0]).toMatch(
      /^pairs\.ETH\/BTC\.bounds\.lt\.1: /,
    );
    expect(problems(withPairs({ 'ETH/BTC': { deviationBps: -1 } }))[0]).toMatch(
      /^pairs\.ETH\/BTC\.deviationBps: /,
    );
  });

  it('applies the asset rules to the resolved pair: LTV floor 0 and LT·(1+LB) ≤ 1', () => {
    expect(problems(withPairs({ 'ETH/BTC': { bounds: { ltv: [100, 9000] } } }))).toEqual([
      expect.stringMatching(/^pairs\.ETH\/BTC\.bounds\.ltv\.0: must be 0/),
    ]);
    // LT min 9700 with ETH's LB max of 1500 bp: 9700 × 1.15 > 10 000.
    expect(problems(withPairs({ 'ETH/BTC': { bounds: { lt: [9700, 9800] } } }))).toEqual([
      expect.stringMatching(
        /^pairs\.ETH\/BTC\.bounds\.lt\.0: lt min 9700 bp with lb max 1500 bp breaks LT·\(1\+LB\) ≤ 1/,
      ),
    ]);
  });

  it('parses pair ids, and nothing else, into legs', () => {
    expect(parsePairId('ETH/BTC')).toEqual({ collateral: 'ETH', debt: 'BTC' });
    expect(parsePairId('ETH')).toBeUndefined();
    expect(parsePairId('ETH/BTC/SOL')).toBeUndefined();
  });
});
