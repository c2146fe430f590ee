/** Pure encoding helpers of the oracle client: ids, update words, batches, signatures, errors. */
import { Interface, Wallet, getBytes, id } from 'ethers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assetId } from '../../../../shared/chain/oracle/assetId.js';
import { assetSymbol } from '../../../../shared/chain/oracle/assetSymbol.js';
import { batchDigest } from '../../../../shared/chain/oracle/batchDigest.js';
import { decodeOracleError } from '../../../../shared/chain/oracle/decodeOracleError.js';
import { decodeUpdate } from '../../../../shared/chain/oracle/decodeUpdate.js';
import { encodeBatch } from '../../../../shared/chain/oracle/encodeBatch.js';
import { encodeUpdate } from '../../../../shared/chain/oracle/encodeUpdate.js';
import { OracleClientError } from '../../../../shared/chain/oracle/errors.js';
import { packSignatures } from '../../../../shared/chain/oracle/packSignatures.js';
import { RISK_ORACLE_ABI } from '../../../../shared/chain/oracle/riskOracleAbi.js';
import type { ParameterUpdate } from '../../../../shared/chain/oracle/types.js';

const BTC: ParameterUpdate = { asset: 'BTC', volIndexBps: 5_500, ltvBps: 7_000, ltBps: 8_000, lbBps: 500 };
const iface = new Interface(RISK_ORACLE_ABI);

describe('assetId / assetSymbol', () => {
  it('left-aligns the UTF-8 symbol in a bytes32, like Solidity bytes32("BTC")', () => {
    expect(assetId('BTC')).toBe(`0x425443${'0'.repeat(58)}`);
    expect(assetSymbol(assetId('AVAX'))).toBe('AVAX');
  });
  it('refuses empty and over-long symbols with the allowed length', () => {
    expect(() => assetId('')).toThrow(OracleClientError);
    expect(() => assetId('A'.repeat(25))).toThrow(/25 bytes; expected 1 to 24/);
    expect(assetId('A'.repeat(24)).slice(-16)).toBe('0'.repeat(16));
  });
});

describe('encodeUpdate / decodeUpdate', () => {
  it('round-trips every valid update (property, 1,000 cases)', () => {
    const symbol = fc.stringMatching(/^[A-Z0-9]{1,24}$/);
    const bps = fc.integer({ min: 0, max: 10_000 });
    fc.assert(
      fc.property(
        symbol,
        fc.integer({ min: 0, max: 65_535 }),
        bps,
        bps,
        bps,
        (asset, volIndexBps, ltvBps, ltBps, lbBps) => {
          const update = { asset, volIndexBps, ltvBps, ltBps, lbBps };
          const word = encodeUpdate(update);
          expect(getBytes(word)).toHaveLength(32);
          expect(decodeUpdate(word)).toEqual(update);
        },
      ),
      { numRuns: 1_000 },
    );
  });
  it('names the field, value and range of a value that does not fit', () => {
    expect(() => encodeUpdate({ ...BTC, ltvBps: 10_001 })).toThrow(
      'BTC.ltvBps = 10001 is not allowed; expected an integer from 0 to 10000 bp',
    );
    expect(() => encodeUpdate({ ...BTC, volIndexBps: 65_536 })).toThrow(/volIndexBps = 65536/);
    expect(() => encodeUpdate({ ...BTC, lbBps: 1.5 })).toThrow(/lbBps = 1.5/);
  });
  it('refuses a word with reserved bits set', () => {
    const word = `0x${(BigInt(encodeUpdate(BTC)) | (1n << 58n)).toString(16).padStart(64, '0')}`;
    expect(() => decodeUpdate(word)).toThrow(/reserved bits 58..63/);
  });
});

describe('encodeBatch', () => {
  it('sorts updates by asset id ascending', () => {
    const encoded = encodeBatch({
      round: 1n,
      observedAt: 1,
      updates: [{ ...BTC, asset: 'SOL' }, BTC, { ...BTC, asset: 'ETH' }],
    });
    expect(encoded.updates.map((w) => decodeUpdate(w).asset)).toEqual(['BTC', 'ETH', 'SOL']);
  });
  it('refuses duplicates, empty batches, and out-of-range round or time', () => {
    expect(() => encodeBatch({ round: 1n, observedAt: 1, updates: [BTC, { ...BTC, ltvBps: 1 }] })).toThrow(
      /asset twice/,
    );
    expect(() => encodeBatch({ round: 1n, observedAt: 1, updates: [] })).toThrow(/empty/);
    expect(() => encodeBatch({ round: 0n, observedAt: 1, updates: [BTC] })).toThrow(/batch.round = 0/);
    expect(() => encodeBatch({ round: 1n, observedAt: 2 ** 32, updates: [BTC] })).toThrow(
      /batch.observedAt = 4294967296/,
    );
  });
  it('gives a digest that depends on chain, contract and every field', () => {
    const domain = { chainId: 31_337, verifyingContract: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };
    const batch = { round: 1n, observedAt: 1_700_000_000, updates: [BTC] };
    const digest = batchDigest(domain, batch);
    expect(batchDigest({ ...domain, chainId: 1 }, batch)).not.toBe(digest);
    expect(
      batchDigest({ ...domain, verifyingContract: '0x000000000000000000000000000000000000dEaD' }, batch),
    ).not.toBe(digest);
    expect(batchDigest(domain, { ...batch, round: 2n })).not.toBe(digest);
    expect(batchDigest(domain, { ...batch, observedAt: 1_700_000_001 })).not.toBe(digest);
    expect(batchDigest(domain, { ...batch, updates: [{ ...BTC, lbBps: 501 }] })).not.toBe(digest);
  });
});

describe('packSignatures', () => {
  const digest = id('digest');
  const wallets = [0, 1, 2].map((i) => new Wallet(id(`k${i}`)));
  const sigs = wallets.map((w) => ({ signer: w.address, signature: w.signingKey.sign(digest).serialized }));
  it('sorts by signer address ascending and concatenates 65-byte signatures', () => {
    const packed = getBytes(packSignatures([...sigs].reverse()));
    expect(packed).toHaveLength(3 * 65);
    const order = [...sigs].sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1));
    expect(packSignatures(order)).toBe(packSignatures(sigs));
  });
  it('refuses the same signer twice', () => {
    expect(() => packSignatures([sigs[0]!, sigs[0]!])).toThrow(/signed twice/);
  });
});

describe('decodeOracleError', () => {
  it('renders a custom error with symbols and parameter names', () => {
    const data = iface.encodeErrorResult('StepTooLarge', [assetId('BTC'), 1, 7_000, 7_100, 25]);
    const decoded = decodeOracleError(data);
    expect(decoded?.name).toBe('StepTooLarge');
    expect(decoded?.args).toEqual({
      asset: 'BTC',
      param: 'ltvBps',
      previous: '7000',
      value: '7100',
      maxStep: '25',
    });
    expect(decoded?.message).toBe('StepTooLarge: BTC ltvBps 7000 → 7100 moves 100 bp, max 25 bp per update');
  });
  it('finds revert data nested in an ethers error, and ignores what is not an oracle error', () => {
    const data = iface.encodeErrorResult('BelowThreshold', [1, 2]);
    expect(decodeOracleError({ info: { error: { data } } })?.message).toBe(
      'BelowThreshold: 1 signature(s) given, 2 required',
    );
    expect(decodeOracleError('0x12345678')).toBeUndefined();
    expect(decodeOracleError(new Error('network down'))).toBeUndefined();
  });
  it('lists the arguments of errors without a dedicated sentence', () => {
    const data = iface.encodeErrorResult('ArrayLengthMismatch', [2, 1]);
    expect(decodeOracleError(data)?.message).toBe('ArrayLengthMismatch(assets=2, guardrails=1)');
  });
});
