import type { Signer } from 'ethers';
import { batchTypedData } from './batchTypedData.js';
import { packSignatures } from './packSignatures.js';
import type { OracleBatch, OracleDomain, SignerSignature } from './types.js';

export interface SignBatchParams {
  /** Any ethers v6 signers (Wallet, a KMS-backed AbstractSigner, …), one signature each. */
  readonly signers: readonly Signer[];
  readonly domain: OracleDomain;
  readonly batch: OracleBatch;
}

export interface SignBatchResult {
  /** Packed, sorted signatures for `submit`. */
  readonly signatures: string;
  readonly bySigner: readonly SignerSignature[];
}

/** Signs a batch's EIP-712 typed data with every signer and packs the signatures for `submit`. */
export async function signBatch({ signers, domain, batch }: SignBatchParams): Promise<SignBatchResult> {
  const typed = batchTypedData(domain, batch);
  const bySigner = await Promise.all(
    signers.map(async (signer) => ({
      signer: await signer.getAddress(),
      signature: await signer.signTypedData(typed.domain, typed.types, typed.value),
    })),
  );
  return { signatures: packSignatures(bySigner), bySigner };
}
