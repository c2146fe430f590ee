import { encodeBytes32String, toUtf8Bytes } from 'ethers';
import { MAX_ASSET_SYMBOL_BYTES } from './constants.js';
import { OracleClientError } from './errors.js';

/**
 * On-chain id of an asset: its symbol's UTF-8 bytes left-aligned in a bytes32, zero-padded
 * (Solidity `bytes32("BTC")`, = 0x4254430000…). At most 24 bytes, so the id's low 8 bytes are
 * zero and its high 24 bytes fit the packed update word.
 */
export function assetId(symbol: string): string {
  const length = toUtf8Bytes(symbol).length;
  if (length === 0 || length > MAX_ASSET_SYMBOL_BYTES || symbol.includes('\0')) {
    throw new OracleClientError(
      `asset symbol "${symbol}" is ${length} bytes; expected 1 to ${MAX_ASSET_SYMBOL_BYTES} UTF-8 bytes without NUL`,
      { fix: 'use the short ticker symbol, e.g. "BTC"' },
    );
  }
  return encodeBytes32String(symbol);
}
