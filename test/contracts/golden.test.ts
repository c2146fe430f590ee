/**
 * The Solidity side of the golden vectors: a RiskOracle deployed at the vectors' address on a
 * fresh anvil decodes every recorded word to the recorded fields and computes the recorded
 * EIP-712 digest, which recovers to the recorded signer (TS side: test/unit/chain/oracle/golden.test.ts).
 */
import { readFileSync } from 'node:fs';
import { Signature, recoverAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetId } from '../../shared/chain/oracle/assetId.js';
import type { ParameterUpdate } from '../../shared/chain/oracle/types.js';
import { startOracleFixture, type OracleFixture } from './oracleFixture.js';

interface Vectors {
  updates: { update: ParameterUpdate; word: string }[];
  batch: {
    domain: { name: string; version: string; chainId: number; verifyingContract: string };
    signerAddress: string;
    round: string;
    observedAt: number;
    sortedWords: string[];
    digest: string;
    signature: string;
  };
}

const vectors = JSON.parse(
  readFileSync(new URL('../fixtures/golden/oracle-vectors.json', import.meta.url), 'utf8'),
) as Vectors;

describe('oracle golden vectors (Solidity side)', () => {
  let f: OracleFixture;
  beforeAll(async () => {
    f = await startOracleFixture();
  });
  afterAll(async () => {
    await f?.stop();
  });

  it('is deployed where the vectors expect (first contract of dev account 0)', () => {
    expect(f.address).toBe(vectors.batch.domain.verifyingContract);
    expect(f.anvil.chainId).toBe(vectors.batch.domain.chainId);
  });

  it.each(vectors.updates)('decodeUpdate($word) returns the recorded fields', async ({ update, word }) => {
    const [asset, vi, ltv, lt, lb] = (await f.oracle.getFunction('decodeUpdate')(word)) as [
      string,
      bigint,
      bigint,
      bigint,
      bigint,
    ];
    expect(asset).toBe(assetId(update.asset));
    expect([vi, ltv, lt, lb].map(Number)).toEqual([
      update.volIndexBps,
      update.ltvBps,
      update.ltBps,
      update.lbBps,
    ]);
  });

  it('hashBatch returns the recorded digest, and the EIP-712 domain matches', async () => {
    const { batch } = vectors;
    const digest = await f.oracle.getFunction('hashBatch')(
      BigInt(batch.round),
      batch.observedAt,
      batch.sortedWords,
    );
    expect(digest).toBe(batch.digest);
    expect(recoverAddress(digest as string, Signature.from(batch.signature))).toBe(batch.signerAddress);
    const domain = await f.oracle.getFunction('eip712Domain')();
    expect([domain.name, domain.version, Number(domain.chainId), domain.verifyingContract]).toEqual([
      batch.domain.name,
      batch.domain.version,
      batch.domain.chainId,
      batch.domain.verifyingContract,
    ]);
  });
});
