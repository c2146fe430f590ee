import { TypedDataEncoder } from 'ethers';
import { batchTypedData } from './batchTypedData.js';
import type { OracleBatch, OracleDomain } from './types.js';

/** The 32-byte EIP-712 digest signers sign (equals the contract's `hashBatch`). */
export function batchDigest(domain: OracleDomain, batch: OracleBatch): string {
  const typed = batchTypedData(domain, batch);
  return TypedDataEncoder.hash(typed.domain, typed.types, typed.value);
}
