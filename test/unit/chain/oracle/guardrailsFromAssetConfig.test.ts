import { describe, expect, it } from 'vitest';
import { assetsConfigSchema } from '../../../../shared/config/assetsConfig.js';
import defaults from '../../../../shared/config/assets.default.json' with { type: 'json' };
import { guardrailsFromAssetConfig } from '../../../../shared/chain/oracle/guardrailsFromAssetConfig.js';

describe('guardrailsFromAssetConfig', () => {
  const config = assetsConfigSchema.parse(defaults);

  it('takes bounds and asymmetric step limits from the asset config, half a cycle as minimum interval', () => {
    const btc = config.assets.BTC;
    expect(btc).toBeDefined();
    const g = guardrailsFromAssetConfig({ asset: btc!, cyclePeriodSeconds: config.cyclePeriodSeconds });
    expect(g).toEqual({
      minVolIndexBps: 0,
      maxVolIndexBps: 65_535,
      minLtvBps: btc!.bounds.ltv[0],
      maxLtvBps: btc!.bounds.ltv[1],
      minLtBps: btc!.bounds.lt[0],
      maxLtBps: btc!.bounds.lt[1],
      minLbBps: btc!.bounds.lb[0],
      maxLbBps: btc!.bounds.lb[1],
      maxLoosenBps: btc!.maxLoosenPerUpdateBps,
      maxTightenBps: btc!.maxTightenPerUpdateBps,
      minIntervalSec: Math.floor(config.cyclePeriodSeconds / 2),
    });
  });

  it('caps values to what the packed slot holds', () => {
    const asset = { ...config.assets.BTC!, maxTightenPerUpdateBps: 10_000 };
    const g = guardrailsFromAssetConfig({
      asset,
      cyclePeriodSeconds: 1_000_000,
      volIndexBounds: [100, 30_000],
    });
    expect(g.maxTightenBps).toBe(2_047);
    expect(g.minIntervalSec).toBe(65_535);
    expect([g.minVolIndexBps, g.maxVolIndexBps]).toEqual([100, 30_000]);
  });
});
