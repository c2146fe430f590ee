import { describe, expect, it } from 'vitest';
import { laneIncludes } from '../../../../shared/pipeline/publish/laneIncludes.js';

describe('laneIncludes', () => {
  it('a lane without a selection publishes every asset and pair (the single-chain default)', () => {
    expect(laneIncludes(undefined, 'BTC')).toBe(true);
    expect(laneIncludes({ name: 'base' }, 'ETH/BTC')).toBe(true);
  });

  it('an asset selection keeps its assets and the pairs whose legs are both selected', () => {
    const lane = { name: 'arbitrum', assets: ['BTC', 'ETH'] };
    expect(laneIncludes(lane, 'ETH')).toBe(true);
    expect(laneIncludes(lane, 'SOL')).toBe(false);
    expect(laneIncludes(lane, 'ETH/BTC')).toBe(true);
    expect(laneIncludes(lane, 'SOL/ETH')).toBe(false);
  });

  it('a pair list is exact', () => {
    const lane = { name: 'arbitrum', assets: ['BTC', 'ETH', 'SOL'], pairs: ['SOL/ETH'] };
    expect(laneIncludes(lane, 'SOL/ETH')).toBe(true);
    expect(laneIncludes(lane, 'ETH/BTC')).toBe(false);
    expect(laneIncludes(lane, 'BTC')).toBe(true);
  });
});
