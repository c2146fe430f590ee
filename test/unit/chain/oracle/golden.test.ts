/** The TS encoder against the golden vectors (the Solidity side: test/contracts/golden.test.ts). */
import { readFileSync } from 'node:fs';
import { Signature, TypedDataEncoder, Wallet, concat, id, keccak256, recoverAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { batchDigest } from '../../../../shared/chain/oracle/batchDigest.js';
import { batchTypedData } from '../../../../shared/chain/oracle/batchTypedData.js';
import { decodeUpdate } from '../../../../shared/chain/oracle/decodeUpdate.js';
import { encodeBatch } from '../../../../shared/chain/oracle/encodeBatch.js';
import { encodeUpdate } from '../../../../shared/chain/oracle/encodeUpdate.js';
import type { ParameterUpdate } from '../../../../shared/chain/oracle/types.js';

interface Vectors {
  updates: { update: ParameterUpdate; word: string }[];
  batch: {
    domain: { name: string; version: string; chainId: number; verifyingContract: string };
    signerKeySeed: string;
    signerAddress: string;
    round: string;
    observedAt: number;
    updates: ParameterUpdate[];
    sortedWords: string[];
    updatesHash: string;
    structHash: string;
    digest: string;
    signature: string;
  };
}

const vectors = JSON.parse(
  readFileSync(new URL('../../../fixtures/golden/oracle-vectors.json', import.meta.url), 'utf8'),
) as Vectors;
const { batch } = vectors;
const oracleBatch = { round: BigInt(batch.round), observedAt: batch.observedAt, updates: batch.updates };
const domain = { chainId: batch.domain.chainId, verifyingContract: batch.domain.verifyingContract };

describe('oracle golden vectors (TypeScript side)', () => {
  it.each(vectors.updates)('packs and unpacks $update.asset', ({ update, word }) => {
    expect(encodeUpdate(update)).toBe(word);
    expect(decodeUpdate(word)).toEqual(update);
  });

  it('packs BTC to the word computed by hand from the documented layout', () => {
    // id "BTC" in the high bytes; lb 500 << 44 | lt 8000 << 30 | ltv 7000 << 16 | vi 5500.
    const expected = (0x425443n << 232n) | (500n << 44n) | (8_000n << 30n) | (7_000n << 16n) | 5_500n;
    expect(BigInt(encodeUpdate(batch.updates[0] as ParameterUpdate))).toBe(expected);
  });

  it('encodes, hashes and signs the batch exactly as recorded', async () => {
    const encoded = encodeBatch(oracleBatch);
    expect(encoded.updates).toEqual(batch.sortedWords);
    expect(keccak256(concat([...encoded.updates]))).toBe(batch.updatesHash);
    const typed = batchTypedData(domain, oracleBatch);
    expect(typed.domain).toEqual(batch.domain);
    expect(TypedDataEncoder.from(typed.types).hash(typed.value)).toBe(batch.structHash);
    expect(batchDigest(domain, oracleBatch)).toBe(batch.digest);
    const signer = new Wallet(id(batch.signerKeySeed));
    expect(signer.address).toBe(batch.signerAddress);
    expect(await signer.signTypedData(typed.domain, typed.types, typed.value)).toBe(batch.signature);
    expect(recoverAddress(batch.digest, Signature.from(batch.signature))).toBe(batch.signerAddress);
  });

  it('hashes the struct as EIP-712 prescribes for Batch(uint64,uint32,bytes32[])', () => {
    // keccak256(typeHash ‖ round ‖ observedAt ‖ keccak256(words)), every member one 32-byte word.
    const typeHash = id('Batch(uint64 round,uint32 observedAt,bytes32[] updates)');
    const word = (n: bigint): string => `0x${n.toString(16).padStart(64, '0')}`;
    const manual = keccak256(
      concat([typeHash, word(BigInt(batch.round)), word(BigInt(batch.observedAt)), batch.updatesHash]),
    );
    expect(manual).toBe(batch.structHash);
  });
});
