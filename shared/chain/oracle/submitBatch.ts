import type { ContractTransactionResponse, Overrides } from 'ethers';
import { encodeBatch } from './encodeBatch.js';
import { packSignatures } from './packSignatures.js';
import { riskOracleContract, type RiskOracleTarget } from './riskOracleContract.js';
import type { OracleBatch, SignerSignature } from './types.js';

/**
 * Sends `submit(round, observedAt, updates, signatures)` and returns the transaction without
 * waiting, so the publisher controls nonce, fees and confirmation. `signatures` are either
 * already packed (signBatch().signatures) or one per signer (sorted and packed here).
 */
export async function submitBatch(
  target: RiskOracleTarget,
  batch: OracleBatch,
  signatures: string | readonly SignerSignature[],
  overrides: Overrides = {},
): Promise<ContractTransactionResponse> {
  const encoded = encodeBatch(batch);
  const packed = typeof signatures === 'string' ? signatures : packSignatures(signatures);
  const contract = riskOracleContract(target);
  return (await contract.getFunction('submit')(
    encoded.round,
    encoded.observedAt,
    encoded.updates,
    packed,
    overrides,
  )) as ContractTransactionResponse;
}
