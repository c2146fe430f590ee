/**
 * verifyBundle on bundles built in memory (real engine records, real EIP-712 digests and
 * signatures), tampered one way at a time: each tampering fails the check it should, with a
 * message saying what differs. The chain half runs against an in-memory ChainReader whose
 * receipts carry real ABI-encoded ParametersUpdated logs.
 */
import { Interface, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import type { AuditBundle } from '../../../shared/audit/AuditBundle.js';
import type { ChainReader, ChainReceipt } from '../../../shared/audit/ChainReader.js';
import { formatVerifyResult } from '../../../shared/audit/formatVerifyResult.js';
import { verifyBundle } from '../../../shared/audit/verifyBundle.js';
import type { VerifyCheckId, VerifyResult } from '../../../shared/audit/VerifyResult.js';
import { batchDigest } from '../../../shared/chain/oracle/batchDigest.js';
import { encodeBatch } from '../../../shared/chain/oracle/encodeBatch.js';
import { RISK_ORACLE_ABI } from '../../../shared/chain/oracle/riskOracleAbi.js';
import defaultAssetsConfig from '../../../shared/config/assets.default.json' with { type: 'json' };
import { parseAssetsConfig } from '../../../shared/config/parseAssetsConfig.js';
import { HOUR_MS } from '../../../shared/core/time.js';
import { computeRiskRecord } from '../../../shared/risk/computeRiskRecord.js';
import { hashCanonical } from '../../../shared/risk/provenance/hashCanonical.js';
import { hashSchemeOf } from '../../../shared/risk/provenance/hashSchemeOf.js';
import {
  CURRENT_HASH_SCHEME,
  LEGACY_HASH_SCHEME,
  type HashScheme,
} from '../../../shared/risk/provenance/hashSchemes.js';
import { makeSyntheticInputs } from '../../fixtures/api/makeSyntheticInputs.js';

const ORACLE = { chainId: 31337, address: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };
const OTHER_CONTRACT = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';
const TX = `0x${'ab'.repeat(32)}`;
const BLOCK = 42;
const config = parseAssetsConfig(defaultAssetsConfig, 'assets.default.json');
const signer = new Wallet('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const intruder = new Wallet('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a');
const iface = new Interface(RISK_ORACLE_ABI);

/** A round publishing BTC's second cycle (so it has a previous state) and ETH's first. */
function makeBundle(
  /** Hash scheme of each cycle's records: recorded before the hash change (v1) or after it. */
  schemes: { readonly first: HashScheme; readonly second: HashScheme } = {
    first: CURRENT_HASH_SCHEME,
    second: CURRENT_HASH_SCHEME,
  },
): AuditBundle {
  const asOf = Date.UTC(2026, 9, 1, 12);
  const btcFirst = computeRiskRecord({
    inputs: makeSyntheticInputs({ asset: 'BTC', asOf: asOf - HOUR_MS }),
    config: config.assets.BTC!,
    hashScheme: schemes.first,
  });
  const btcInputs = makeSyntheticInputs({ asset: 'BTC', asOf, sigma: 0.012 });
  const btc = computeRiskRecord({
    inputs: btcInputs,
    config: config.assets.BTC!,
    previous: btcFirst.nextState,
    hashScheme: schemes.second,
  });
  const ethInputs = makeSyntheticInputs({ asset: 'ETH', asOf, seed: 2 });
  const eth = computeRiskRecord({
    inputs: ethInputs,
    config: config.assets.ETH!,
    hashScheme: schemes.second,
  });
  const entries = [
    {
      asset: 'BTC',
      recordTs: asOf + 7_000,
      record: btc,
      inputs: btcInputs,
      previous: { recordTs: asOf - HOUR_MS + 7_000, state: btcFirst.nextState },
    },
    { asset: 'ETH', recordTs: asOf + 7_000, record: eth, inputs: ethInputs, previous: null },
  ];
  const assets = entries.map(({ asset, recordTs, record }) => ({
    asset,
    recordTs,
    ...pick(record.candidate),
  }));
  const observedAt = asOf / 1000;
  const digest = batchDigest(
    { chainId: ORACLE.chainId, verifyingContract: ORACLE.address },
    { round: 7n, observedAt, updates: assets },
  );
  return {
    format: 'ballast-audit-bundle/1',
    generatedAt: new Date(asOf).toISOString(),
    oracle: ORACLE,
    publication: {
      oracle: `${ORACLE.chainId}#${ORACLE.address.toLowerCase()}`,
      round: '7',
      chainId: ORACLE.chainId,
      oracleAddress: ORACLE.address,
      observedAt,
      assets,
      batchDigest: digest,
      signatures: [signer.signingKey.sign(digest).serialized],
      signer: signer.address,
      sender: signer.address,
      nonce: 6,
      status: 'mined',
      txHash: TX,
      blockNumber: BLOCK,
      createdAt: asOf,
      updatedAt: asOf,
    },
    assets: entries.map(({ asset, recordTs, record, inputs, previous }) => ({
      asset,
      recordTs,
      record,
      recordHash: hashCanonical(record, hashSchemeOf(record)),
      inputs,
      snapshotInputsHash: hashCanonical(inputs, hashSchemeOf(record)),
      previous,
      config: config.assets[asset as 'BTC']!,
    })),
  };
}

function pick(p: { volIndexBps: number; ltvBps: number; ltBps: number; lbBps: number }) {
  return { volIndexBps: p.volIndexBps, ltvBps: p.ltvBps, ltBps: p.ltBps, lbBps: p.lbBps };
}

/** A chain where the bundle's transaction was mined by the oracle, with `signers` authorised. */
function fakeChain(
  bundle: AuditBundle,
  {
    signers = [signer.address],
    threshold = 1,
    chainId = ORACLE.chainId,
    logUpdates,
  }: { signers?: string[]; threshold?: number; chainId?: number; logUpdates?: string[] } = {},
): ChainReader {
  const p = bundle.publication;
  const encoded = encodeBatch({ round: BigInt(p.round), observedAt: p.observedAt, updates: p.assets });
  const log = iface.encodeEventLog('ParametersUpdated', [
    encoded.round,
    encoded.observedAt,
    logUpdates ?? [...encoded.updates],
  ]);
  const receipt: ChainReceipt = {
    status: 1,
    blockNumber: BLOCK,
    to: ORACLE.address,
    logs: [{ address: ORACLE.address, topics: log.topics, data: log.data }],
  };
  return {
    chainId: async () => chainId,
    getReceipt: async (hash) => (hash === TX ? receipt : null),
    isSigner: async (oracle, account, blockTag) =>
      oracle === ORACLE.address && blockTag === BLOCK - 1 && signers.includes(account),
    threshold: async () => threshold,
    hasCode: async (address) => address.toLowerCase() === ORACLE.address.toLowerCase(),
    // These bundles carry no catch-up step, whose checks are the only readers of these two.
    latestAt: async () => {
      throw new Error('latestAt read for a round without a catch-up step');
    },
    guardrailsAt: async () => {
      throw new Error('guardrailsAt read for a round without a catch-up step');
    },
    close: () => undefined,
  };
}

const status = (result: VerifyResult): Record<VerifyCheckId, string> =>
  Object.fromEntries(result.checks.map((c) => [c.id, c.status])) as Record<VerifyCheckId, string>;
const details = (result: VerifyResult, id: VerifyCheckId): string =>
  result.checks.find((c) => c.id === id)?.details.join('\n') ?? '';

describe('verifyBundle', () => {
  it('passes an untouched round offline (chain checks skipped) and with a chain', async () => {
    const bundle = makeBundle();
    const offline = await verifyBundle(bundle);
    expect(status(offline)).toEqual({
      signatures: 'PASS',
      authorised: 'SKIP',
      onchain: 'SKIP',
      inputs: 'PASS',
      recompute: 'PASS',
    });
    expect(offline.ok).toBe(true);
    const online = await verifyBundle(bundle, { chain: fakeChain(bundle) });
    expect(status(online)).toEqual({
      signatures: 'PASS',
      authorised: 'PASS',
      onchain: 'PASS',
      inputs: 'PASS',
      recompute: 'PASS',
    });
    expect(formatVerifyResult(online)).toContain('=> VERIFIED');
  });

  it.each([
    [
      'recorded before the hash change (v1 records, no hashScheme field)',
      LEGACY_HASH_SCHEME,
      LEGACY_HASH_SCHEME,
    ],
    [
      'recorded across the hash change (v1 previous state, v2 record)',
      LEGACY_HASH_SCHEME,
      CURRENT_HASH_SCHEME,
    ],
    ['recorded after the hash change (v2 records)', CURRENT_HASH_SCHEME, CURRENT_HASH_SCHEME],
  ] as const)('passes a round %s', async (_name, first, second) => {
    const bundle = makeBundle({ first, second });
    const record = bundle.assets[0]!.record;
    expect(hashSchemeOf(record)).toBe(second);
    expect('hashScheme' in record).toBe(second !== LEGACY_HASH_SCHEME);
    const result = await verifyBundle(bundle, { chain: fakeChain(bundle) });
    expect(status(result)).toEqual({
      signatures: 'PASS',
      authorised: 'PASS',
      onchain: 'PASS',
      inputs: 'PASS',
      recompute: 'PASS',
    });
    expect(details(result, 'recompute')).toContain(`hash ${second}`);
  });

  it('a record whose hashScheme was switched fails (c) and (d): every hash is bound to its scheme', async () => {
    const bundle = makeBundle({ first: LEGACY_HASH_SCHEME, second: LEGACY_HASH_SCHEME });
    const item = bundle.assets[0]!;
    const relabelled = { ...item.record, hashScheme: CURRENT_HASH_SCHEME };
    const result = await verifyBundle({
      ...bundle,
      assets: [
        { ...item, record: relabelled, recordHash: hashCanonical(relabelled, CURRENT_HASH_SCHEME) },
        bundle.assets[1]!,
      ],
    });
    expect(status(result)).toMatchObject({ inputs: 'FAIL', recompute: 'FAIL' });
    expect(details(result, 'inputs')).toMatch(/^BTC: .*\(hash scheme rfc8785-sha256\)/);
  });

  it('a record naming an unknown hash scheme fails (c) and (d), naming it', async () => {
    const bundle = makeBundle();
    const item = bundle.assets[0]!;
    const result = await verifyBundle({
      ...bundle,
      assets: [{ ...item, record: { ...item.record, hashScheme: 'md5' as HashScheme } }, bundle.assets[1]!],
    });
    expect(status(result)).toMatchObject({ inputs: 'FAIL', recompute: 'FAIL' });
    expect(details(result, 'recompute')).toContain('BTC: record names hash scheme "md5"');
  });

  it('a changed stored input fails (c) naming the asset and both hashes', async () => {
    const bundle = makeBundle();
    const inputs = bundle.assets[0]!.inputs;
    const candles = inputs.candles.map((c, i) =>
      i === 10 ? ([c[0], c[1], c[2], c[3], c[4] * 1.001, c[5]] as const) : c,
    );
    const tampered = {
      ...bundle,
      assets: [{ ...bundle.assets[0]!, inputs: { ...inputs, candles } }, bundle.assets[1]!],
    };
    const result = await verifyBundle(tampered);
    expect(status(result).inputs).toBe('FAIL');
    expect(details(result, 'inputs')).toMatch(
      /^BTC: sha256\(canonicalJson\(stored inputs\)\) is [0-9a-f]{64}, but the record says [0-9a-f]{64}: the stored inputs were changed/,
    );
    expect(status(result).signatures).toBe('PASS');
    expect(result.ok).toBe(false);
  });

  it('a changed output fails (d): the record no longer hashes to its stored hash, and its candidate is not what was signed', async () => {
    const bundle = makeBundle();
    const record = bundle.assets[1]!.record;
    const tampered = {
      ...bundle,
      assets: [
        bundle.assets[0]!,
        {
          ...bundle.assets[1]!,
          record: { ...record, candidate: { ...record.candidate, ltvBps: record.candidate.ltvBps + 100 } },
        },
      ],
    };
    const result = await verifyBundle(tampered);
    expect(status(result)).toMatchObject({ signatures: 'PASS', inputs: 'PASS', recompute: 'FAIL' });
    expect(details(result, 'recompute')).toContain('ETH: the record hashes to');
    expect(details(result, 'recompute')).toContain(
      `ETH: signed ltvBps ${record.candidate.ltvBps} differs from the record's candidate ${record.candidate.ltvBps + 100}`,
    );
  });

  it('a consistently rewritten record (hash updated too) still fails (d) by recomputation, naming the field', async () => {
    const bundle = makeBundle();
    const record = bundle.assets[0]!.record;
    const forged = {
      ...record,
      intermediate: { ...record.intermediate, sigmaFast: (record.intermediate.sigmaFast ?? 0) * 0.5 },
    };
    const tampered = {
      ...bundle,
      assets: [
        { ...bundle.assets[0]!, record: forged, recordHash: hashCanonical(forged, hashSchemeOf(forged)) },
        bundle.assets[1]!,
      ],
    };
    const result = await verifyBundle(tampered);
    expect(status(result).recompute).toBe('FAIL');
    expect(details(result, 'recompute')).toMatch(
      /BTC: recomputed record differs: record\.intermediate\.sigmaFast: stored [\d.e-]+, recomputed [\d.e-]+/,
    );
  });

  it('a changed signature fails (a)', async () => {
    const bundle = makeBundle();
    const signature = bundle.publication.signatures[0]!;
    const flipped = `${signature.slice(0, 10)}${signature[10] === '0' ? '1' : '0'}${signature.slice(11)}`;
    const result = await verifyBundle({
      ...bundle,
      publication: { ...bundle.publication, signatures: [flipped] },
    });
    expect(status(result)).toMatchObject({ signatures: 'FAIL', inputs: 'PASS', recompute: 'PASS' });
    expect(details(result, 'signatures')).toMatch(
      /not to the recorded signer|not a valid secp256k1 signature/,
    );
  });

  it('a signature by another key fails (a) offline; with the signer record forged too, the contract check catches it', async () => {
    const bundle = makeBundle();
    const other = intruder.signingKey.sign(bundle.publication.batchDigest).serialized;
    const offline = await verifyBundle({
      ...bundle,
      publication: { ...bundle.publication, signatures: [other] },
    });
    expect(status(offline).signatures).toBe('FAIL');
    expect(details(offline, 'signatures')).toBe(
      `the signatures recover to ${intruder.address}, not to the recorded signer ${signer.address}`,
    );
    const forged = {
      ...bundle,
      publication: { ...bundle.publication, signatures: [other], signer: intruder.address },
    };
    const online = await verifyBundle(forged, { chain: fakeChain(forged) });
    expect(status(online)).toMatchObject({ signatures: 'PASS', authorised: 'FAIL' });
    expect(details(online, 'authorised')).toContain(
      `${intruder.address} is not an authorised signer of ${ORACLE.address} at block ${BLOCK - 1}`,
    );
    expect(details(online, 'authorised')).toContain("below the contract's threshold 1");
  });

  it('pointing at another contract fails (a) and (b)', async () => {
    const bundle = makeBundle();
    const other = { chainId: ORACLE.chainId, address: OTHER_CONTRACT };
    const result = await verifyBundle(bundle, { oracle: other, chain: fakeChain(bundle) });
    expect(status(result)).toMatchObject({
      signatures: 'FAIL',
      authorised: 'FAIL',
      onchain: 'FAIL',
      inputs: 'PASS',
      recompute: 'PASS',
    });
    expect(details(result, 'signatures')).toContain(
      `the batch was signed for contract ${ORACLE.address} on chain 31337, not ${OTHER_CONTRACT}`,
    );
    expect(details(result, 'onchain')).toContain(
      `called ${ORACLE.address}, not the oracle ${OTHER_CONTRACT}`,
    );
  });

  it('a changed signed value fails (a): the digest no longer matches', async () => {
    const bundle = makeBundle();
    const assets = bundle.publication.assets.map((a, i) => (i === 0 ? { ...a, ltBps: a.ltBps - 1 } : a));
    const result = await verifyBundle({ ...bundle, publication: { ...bundle.publication, assets } });
    expect(status(result).signatures).toBe('FAIL');
    expect(details(result, 'signatures')).toContain('the batch content was changed after signing');
  });

  it('(b) fails when the log differs from the signed batch, or the RPC is another chain', async () => {
    const bundle = makeBundle();
    const words = encodeBatch({
      round: 7n,
      observedAt: bundle.publication.observedAt,
      updates: bundle.publication.assets,
    }).updates;
    const wrong = [...words.slice(0, 1), `${words[1]!.slice(0, 62)}ffff`];
    const result = await verifyBundle(bundle, { chain: fakeChain(bundle, { logUpdates: wrong }) });
    expect(status(result)).toMatchObject({ authorised: 'PASS', onchain: 'FAIL' });
    expect(details(result, 'onchain')).toContain("the log's packed updates");
    const mainnet = await verifyBundle(bundle, { chain: fakeChain(bundle, { chainId: 1 }) });
    expect(details(mainnet, 'onchain')).toContain('the RPC serves chain 1, the round belongs to chain 31337');
  });

  it('threshold 2 with one authorised signature fails (a)', async () => {
    const bundle = makeBundle();
    const result = await verifyBundle(bundle, { chain: fakeChain(bundle, { threshold: 2 }) });
    expect(status(result).authorised).toBe('FAIL');
    expect(details(result, 'authorised')).toContain(
      "1 authorised signature(s), below the contract's threshold 2",
    );
  });

  it('(d) fails clearly when the config or the previous state is missing or different', async () => {
    const bundle = makeBundle();
    const noConfig = await verifyBundle({
      ...bundle,
      assets: [{ ...bundle.assets[0]!, config: null }, bundle.assets[1]!],
    });
    expect(details(noConfig, 'recompute')).toContain(
      `BTC: the config with hash ${bundle.assets[0]!.record.configHash} is not in the bundle`,
    );
    const otherConfig = { ...bundle.assets[0]!.config!, epsilonBps: 60 };
    const changed = await verifyBundle({
      ...bundle,
      assets: [{ ...bundle.assets[0]!, config: otherConfig }, bundle.assets[1]!],
    });
    expect(details(changed, 'recompute')).toContain("BTC: the bundle's config hashes to");
    const noPrevious = await verifyBundle({
      ...bundle,
      assets: [{ ...bundle.assets[0]!, previous: null }, bundle.assets[1]!],
    });
    expect(details(noPrevious, 'recompute')).toContain('BTC: the previous state');
  });
});
