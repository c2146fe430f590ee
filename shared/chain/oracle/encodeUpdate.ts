import { toBeHex } from 'ethers';
import { VOL_INDEX_MAX_BPS } from '../../core/volIndexMaxBps.js';
import { assetId } from './assetId.js';
import { OracleClientError } from './errors.js';
import type { ParameterUpdate } from './types.js';

/** Field widths and positions of the packed update word (contracts/RiskPacking.sol). */
export const UPDATE_FIELDS = {
  volIndexBps: { shift: 0n, max: VOL_INDEX_MAX_BPS },
  ltvBps: { shift: 16n, max: 10_000 },
  ltBps: { shift: 30n, max: 10_000 },
  lbBps: { shift: 44n, max: 10_000 },
} as const;

/**
 * Packs one update into its bytes32 word: bits 255..64 the asset id's high 24 bytes, 63..58
 * zero, 57..44 lb, 43..30 lt, 29..16 ltv, 15..0 vi (the asset slot's own layout).
 */
export function encodeUpdate(update: ParameterUpdate): string {
  let word = BigInt(assetId(update.asset));
  for (const [field, { shift, max }] of Object.entries(UPDATE_FIELDS)) {
    const value = update[field as keyof typeof UPDATE_FIELDS];
    if (!Number.isInteger(value) || value < 0 || value > max) {
      throw new OracleClientError(
        `${update.asset}.${field} = ${value} is not allowed; expected an integer from 0 to ${max} bp`,
      );
    }
    word |= BigInt(value) << shift;
  }
  return toBeHex(word, 32);
}
