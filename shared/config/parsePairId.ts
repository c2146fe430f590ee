import { PAIR_ID_PATTERN } from './assetsConfig.js';

export interface PairLegs {
  readonly collateral: string;
  readonly debt: string;
}

/** The legs of a pair id `C/D` (docs/cross-asset.md); undefined for an asset id or anything else. */
export function parsePairId(id: string): PairLegs | undefined {
  const match = PAIR_ID_PATTERN.exec(id);
  if (match === null) return undefined;
  return { collateral: match[1]!, debt: match[2]! };
}
