import type { TypedDataDomain, TypedDataField } from 'ethers';
import { ORACLE_BATCH_TYPES, ORACLE_EIP712_NAME, ORACLE_EIP712_VERSION } from './constants.js';
import { encodeBatch } from './encodeBatch.js';
import type { OracleBatch, OracleDomain } from './types.js';

export interface BatchTypedData {
  readonly domain: TypedDataDomain;
  readonly types: Record<string, TypedDataField[]>;
  readonly value: { round: bigint; observedAt: number; updates: string[] };
}

/**
 * EIP-712 typed data of a batch, ready for any ethers v6 Signer:
 * `signer.signTypedData(t.domain, t.types, t.value)`.
 */
export function batchTypedData(domain: OracleDomain, batch: OracleBatch): BatchTypedData {
  const encoded = encodeBatch(batch);
  return {
    domain: {
      name: ORACLE_EIP712_NAME,
      version: ORACLE_EIP712_VERSION,
      chainId: domain.chainId,
      verifyingContract: domain.verifyingContract,
    },
    types: { Batch: ORACLE_BATCH_TYPES.Batch.map((field) => ({ ...field })) },
    value: { round: encoded.round, observedAt: encoded.observedAt, updates: [...encoded.updates] },
  };
}
