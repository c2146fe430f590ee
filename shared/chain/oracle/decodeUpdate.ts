import { toBeHex } from 'ethers';
import { assetSymbol } from './assetSymbol.js';
import { OracleClientError } from './errors.js';
import type { ParameterUpdate } from './types.js';

const ID_MASK = ((1n << 256n) - 1n) ^ ((1n << 64n) - 1n);
const RESERVED_MASK = ((1n << 64n) - 1n) ^ ((1n << 58n) - 1n);

/** Unpacks a bytes32 update word (inverse of encodeUpdate); reserved bits must be zero. */
export function decodeUpdate(word: string): ParameterUpdate {
  const value = BigInt(word);
  if ((value & RESERVED_MASK) !== 0n) {
    throw new OracleClientError(`update word ${word} has reserved bits 58..63 set; expected them zero`);
  }
  return {
    asset: assetSymbol(toBeHex(value & ID_MASK, 32)),
    volIndexBps: Number(value & 0xffffn),
    ltvBps: Number((value >> 16n) & 0x3fffn),
    ltBps: Number((value >> 30n) & 0x3fffn),
    lbBps: Number((value >> 44n) & 0x3fffn),
  };
}
