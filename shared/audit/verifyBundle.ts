import { Interface, Signature, getAddress, recoverAddress } from 'ethers';
import { batchDigest } from '../chain/oracle/batchDigest.js';
import { encodeBatch } from '../chain/oracle/encodeBatch.js';
import { RISK_ORACLE_ABI } from '../chain/oracle/riskOracleAbi.js';
import type { OracleBatch } from '../chain/oracle/types.js';
import { SECP256K1_HALF_N } from '../chain/kms/normalizeLowS.js';
import { computeRiskCycle } from '../risk/computeRiskCycle.js';
import { stepFromChain } from '../risk/control/stepFromChain.js';
import { canonicalJcs } from '../risk/provenance/canonicalJcs.js';
import { MODEL_VERSIONS } from '../risk/version/modelVersions.js';
import { hashCanonical } from '../risk/provenance/hashCanonical.js';
import { hashSchemeOf } from '../risk/provenance/hashSchemeOf.js';
import type { HashScheme } from '../risk/provenance/hashSchemes.js';
import type { AuditBundle } from './AuditBundle.js';
import { snapshotHashScheme } from './snapshotHashScheme.js';
import { checkBookkeeping, type CheckBookkeepingParams } from './checkBookkeeping.js';
import { checkPairDerivation } from './checkPairDerivation.js';
import { parsePairId } from '../config/parsePairId.js';
import type { ChainReader } from './ChainReader.js';
import type { VerifyCheck, VerifyCheckId, VerifyResult } from './VerifyResult.js';

export interface VerifyBundleParams {
  /** Reads the chain for the on-chain halves of (a) and (b); absent: those checks are SKIP (offline). */
  readonly chain?: ChainReader;
  /**
   * The contract the auditor expects the round to belong to. @default the bundle's oracle.
   * Pointing at another contract fails (a) and (b): the signatures and logs are for another domain.
   */
  readonly oracle?: { readonly chainId: number; readonly address: string };
  /**
   * The store the bundle was read from; given, check (e) compares its bookkeeping with the chain
   * and check (c) re-derives each pair's inputs from its legs' snapshots.
   */
  readonly store?: CheckBookkeepingParams['store'];
}

const iface = new Interface(RISK_ORACLE_ABI);
const UPDATED = iface.getEvent('ParametersUpdated');

const check = (id: VerifyCheckId, failures: string[], passes: string[]): VerifyCheck => ({
  id,
  status: failures.length > 0 ? 'FAIL' : 'PASS',
  details: failures.length > 0 ? failures : passes,
});

/** The first path where two JSON values differ, with both values (for a FAIL message). */
function firstDifference(stored: unknown, recomputed: unknown, path = 'record'): string | undefined {
  if (canonicalJcs(stored) === canonicalJcs(recomputed)) return undefined;
  if (
    typeof stored === 'object' &&
    stored !== null &&
    typeof recomputed === 'object' &&
    recomputed !== null
  ) {
    const keys = [...new Set([...Object.keys(stored), ...Object.keys(recomputed)])].sort();
    for (const key of keys) {
      const found = firstDifference(
        (stored as Record<string, unknown>)[key],
        (recomputed as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (found !== undefined) return found;
    }
  }
  const show = (v: unknown): string => (v === undefined ? 'absent' : JSON.stringify(v).slice(0, 120));
  return `${path}: stored ${show(stored)}, recomputed ${show(recomputed)}`;
}

/**
 * Verifies one round's audit bundle and returns PASS/FAIL/SKIP per check:
 * (a) the EIP-712 digest rebuilt from the batch equals the signed digest, every signature is
 *     valid and low-s and recovers to a distinct signer, the recorded signer among them; with a
 *     chain, each recovered signer is authorised on the contract at the block before the
 *     transaction's, and their number meets the threshold there;
 * (b) with a chain: the transaction succeeded, called the oracle, and its ParametersUpdated log
 *     carries exactly the signed round, observation time and packed updates;
 * (c) per asset, the hash of the stored inputs under the record's hash scheme (`hashScheme`, absent:
 *     `ballast-v1-sha256`) equals the record's inputsHash (and the snapshot's); with the store, a
 *     pair's inputs are re-derived from its legs' stored snapshots (checkPairDerivation);
 * (d) per asset, the record's hash, model version, config hash and previous-state hash hold (each under
 *     the record's scheme), the
 *     signed values are the record's candidate, a record continued from an engine checkpoint comes
 *     with the state its checkpointHash names, and computeRiskCycle(checkpoint, inputs, config,
 *     previous) gives a record with the identical canonical hash.
 */
export async function verifyBundle(
  bundle: AuditBundle,
  { chain, oracle = bundle.oracle, store }: VerifyBundleParams = {},
): Promise<VerifyResult> {
  const publication = bundle.publication;
  const checks: VerifyCheck[] = [];
  const batch: OracleBatch = {
    round: BigInt(publication.round),
    observedAt: publication.observedAt,
    updates: publication.assets.map(({ asset, volIndexBps, ltvBps, ltBps, lbBps }) => ({
      asset,
      volIndexBps,
      ltvBps,
      ltBps,
      lbBps,
    })),
  };

  // (a) signatures, offline half.
  const recovered: string[] = [];
  {
    const failures: string[] = [];
    const digest = batchDigest({ chainId: oracle.chainId, verifyingContract: oracle.address }, batch);
    if (digest !== publication.batchDigest) {
      const other =
        oracle.address.toLowerCase() !== publication.oracleAddress.toLowerCase() ||
        oracle.chainId !== publication.chainId;
      failures.push(
        other
          ? `the batch was signed for contract ${publication.oracleAddress} on chain ${publication.chainId}, not ${oracle.address} on chain ${oracle.chainId}: its EIP-712 digest there is ${digest}, the signed digest ${publication.batchDigest}`
          : `the EIP-712 digest of the batch as recorded (round ${publication.round}, ${publication.assets.length} update(s)) is ${digest}, but the signed digest is ${publication.batchDigest}: the batch content was changed after signing`,
      );
    }
    if (publication.signatures.length === 0) failures.push('the round carries no signature');
    publication.signatures.forEach((signature, i) => {
      let address: string;
      try {
        const parsed = Signature.from(signature);
        if (BigInt(parsed.s) > SECP256K1_HALF_N)
          failures.push(`signature ${i} has a high s; the contract accepts only low-s (EIP-2)`);
        address = recoverAddress(publication.batchDigest, parsed);
      } catch (error) {
        failures.push(
          `signature ${i} (${signature.slice(0, 20)}…) is not a valid secp256k1 signature: ${(error as Error).message.split('(')[0]?.trim()}`,
        );
        return;
      }
      if (recovered.includes(address))
        failures.push(`signature ${i} recovers to ${address} again; each signer counts once`);
      recovered.push(address);
    });
    if (recovered.length > 0 && !recovered.includes(getAddress(publication.signer))) {
      failures.push(
        `the signatures recover to ${recovered.join(', ')}, not to the recorded signer ${publication.signer}`,
      );
    }
    checks.push(
      check('signatures', failures, [
        `digest ${publication.batchDigest} rebuilt from the batch; ${recovered.length} signature(s) recover to ${recovered.join(', ')}`,
      ]),
    );
  }

  // (a) authorisation and (b) on-chain, when a chain is given.
  if (chain === undefined) {
    checks.push({
      id: 'authorised',
      status: 'SKIP',
      details: ['offline: pass --rpc to check the signers against the contract'],
    });
    checks.push({
      id: 'onchain',
      status: 'SKIP',
      details: ['offline: pass --rpc to compare the transaction log with the signed batch'],
    });
  } else {
    const authFailures: string[] = [];
    const chainFailures: string[] = [];
    let authPass = '';
    let chainPass = '';
    const rpcChain = await chain.chainId();
    const receipt =
      publication.txHash === undefined || rpcChain !== oracle.chainId
        ? null
        : await chain.getReceipt(publication.txHash);
    if (rpcChain !== oracle.chainId) {
      const why = `the RPC serves chain ${rpcChain}, the round belongs to chain ${oracle.chainId}; pass an RPC URL of chain ${oracle.chainId}`;
      authFailures.push(why);
      chainFailures.push(why);
    } else if (publication.txHash === undefined) {
      const why = `round ${publication.round} has no transaction recorded (status ${publication.status})`;
      authFailures.push(why);
      chainFailures.push(why);
    } else if (receipt === null) {
      const why = `transaction ${publication.txHash} is not on chain ${rpcChain} (no receipt)`;
      authFailures.push(why);
      chainFailures.push(why);
    } else {
      // State before the transaction's block: what the contract checked the signatures against.
      const before = receipt.blockNumber - 1;
      if (!(await chain.hasCode(oracle.address, before))) {
        authFailures.push(`no contract at ${oracle.address} at block ${before}`);
      } else {
        const threshold = await chain.threshold(oracle.address, before);
        let authorised = 0;
        for (const address of recovered) {
          if (await chain.isSigner(oracle.address, address, before)) authorised += 1;
          else
            authFailures.push(
              `${address} is not an authorised signer of ${oracle.address} at block ${before}`,
            );
        }
        if (authorised < threshold)
          authFailures.push(
            `${authorised} authorised signature(s), below the contract's threshold ${threshold} at block ${before}`,
          );
        authPass = `${authorised} signer(s) authorised on ${oracle.address} at block ${before}, threshold ${threshold}`;
      }
      if (receipt.status !== 1)
        chainFailures.push(`transaction ${publication.txHash} reverted (status ${receipt.status})`);
      if (receipt.to?.toLowerCase() !== oracle.address.toLowerCase())
        chainFailures.push(
          `transaction ${publication.txHash} called ${receipt.to}, not the oracle ${oracle.address}`,
        );
      if (publication.blockNumber !== undefined && publication.blockNumber !== receipt.blockNumber) {
        chainFailures.push(
          `the publication records block ${publication.blockNumber}, the receipt says block ${receipt.blockNumber}`,
        );
      }
      const logs = receipt.logs.filter(
        (log) =>
          log.address.toLowerCase() === oracle.address.toLowerCase() && log.topics[0] === UPDATED?.topicHash,
      );
      if (logs.length !== 1)
        chainFailures.push(
          `expected one ParametersUpdated log from ${oracle.address} in ${publication.txHash}, found ${logs.length}`,
        );
      const log = logs[0];
      if (log !== undefined) {
        const parsed = iface.parseLog({ topics: [...log.topics], data: log.data });
        const encoded = encodeBatch(batch);
        const round = parsed?.args.getValue('round') as bigint;
        const observedAt = Number(parsed?.args.getValue('observedAt') as bigint);
        const words = [...(parsed?.args.getValue('updates') as string[])];
        if (round !== encoded.round)
          chainFailures.push(`the log's round is ${round}, the signed round ${encoded.round}`);
        if (observedAt !== encoded.observedAt)
          chainFailures.push(`the log's observedAt is ${observedAt}, the signed ${encoded.observedAt}`);
        const signedWords = new Set(encoded.updates.map((w) => w.toLowerCase()));
        const logWords = words.map((w) => w.toLowerCase());
        if (logWords.length !== signedWords.size || logWords.some((w) => !signedWords.has(w))) {
          chainFailures.push(
            `the log's packed updates [${logWords.join(', ')}] differ from the signed [${[...signedWords].join(', ')}]`,
          );
        }
        chainPass = `ParametersUpdated(round ${round}, observedAt ${observedAt}, ${words.length} update(s)) in block ${receipt.blockNumber} equals the signed batch`;
      }
      // A catch-up step (docs/multi-chain.md) names what the chain held and its guardrails: both
      // are read back from the contract at the block before the transaction's.
      const stepped: string[] = [];
      for (const { asset, catchUp } of publication.assets) {
        if (catchUp === undefined) continue;
        const held = await chain.latestAt(oracle.address, asset, before);
        const from = catchUp.from;
        const same =
          held === undefined
            ? from === null
            : from !== null &&
              held.ltvBps === from.ltvBps &&
              held.ltBps === from.ltBps &&
              held.lbBps === from.lbBps;
        if (!same)
          chainFailures.push(
            `${asset}: the round says it stepped from ${from === null ? 'nothing' : `LTV/LT/LB ${from.ltvBps}/${from.ltBps}/${from.lbBps}`}, but the contract held ${held === undefined ? 'nothing' : `${held.ltvBps}/${held.ltBps}/${held.lbBps}`} at block ${before}`,
          );
        const g = await chain.guardrailsAt(oracle.address, asset, before);
        const { limits } = catchUp;
        const onChainLimits = [
          g.maxLoosenBps,
          g.maxTightenBps,
          g.minLtvBps,
          g.maxLtvBps,
          g.minLtBps,
          g.maxLtBps,
          g.minLbBps,
          g.maxLbBps,
        ];
        const recordedLimits = [
          limits.maxLoosenBps,
          limits.maxTightenBps,
          ...limits.ltv,
          ...limits.lt,
          ...limits.lb,
        ];
        if (onChainLimits.some((v, i) => v !== recordedLimits[i]))
          chainFailures.push(
            `${asset}: the round stepped within limits [${recordedLimits.join(', ')}], the contract's guardrails at block ${before} are [${onChainLimits.join(', ')}] (loosen, tighten, LTV, LT, LB bounds)`,
          );
        stepped.push(asset);
      }
      if (stepped.length > 0)
        chainPass += `; catch-up of ${stepped.join(', ')} stepped from what the contract held at block ${before}, within its guardrails`;
    }
    checks.push(check('authorised', authFailures, [authPass]));
    checks.push(check('onchain', chainFailures, [chainPass]));
  }

  // (c) inputs hash and (d) recomputation, per asset.
  const inputFailures: string[] = [];
  const inputPasses: string[] = [];
  const recomputeFailures: string[] = [];
  const recomputePasses: string[] = [];
  const signed = new Map(publication.assets.map((entry) => [entry.asset, entry]));
  if (bundle.assets.length !== publication.assets.length) {
    recomputeFailures.push(
      `the round published ${publication.assets.length} asset(s) but the bundle carries ${bundle.assets.length}`,
    );
  }
  for (const item of bundle.assets) {
    const { asset, record } = item;
    let scheme: HashScheme;
    try {
      scheme = hashSchemeOf(record);
    } catch (error) {
      const message = `${asset}: ${(error as Error).message.split('\n')[0]}`;
      inputFailures.push(message);
      recomputeFailures.push(message);
      continue;
    }
    const hash = (value: unknown): string => hashCanonical(value, scheme);
    const inputsHash = hash(item.inputs);
    // Since reference candles have their own table, a snapshot hashes its inputs without them (the
    // candles are proven by the record's inputsHash).
    const snapshotScheme = snapshotHashScheme(item.inputs, item.snapshotInputsHash);
    if (inputsHash !== record.inputsHash) {
      inputFailures.push(
        `${asset}: sha256(canonicalJson(stored inputs)) is ${inputsHash}, but the record says ${record.inputsHash}: the stored inputs were changed (hash scheme ${scheme})`,
      );
    } else if (snapshotScheme === undefined) {
      inputFailures.push(
        `${asset}: the snapshot stores inputsHash ${item.snapshotInputsHash}, the inputs hash to ${inputsHash} (${scheme})`,
      );
    } else {
      inputPasses.push(`${asset}: ${inputsHash} (${scheme})`);
      // A pair's inputs are the ratio of its legs' stored inputs (docs/cross-asset.md §2); with
      // the store at hand, derive them again.
      if (store !== undefined && parsePairId(asset) !== undefined) {
        const derivation = await checkPairDerivation({
          pair: asset,
          recordTs: item.recordTs,
          inputs: item.inputs,
          scheme,
          store,
        });
        (derivation.ok ? inputPasses : inputFailures).push(derivation.detail);
      } else if (parsePairId(asset) !== undefined) {
        // Offline: a bundle carries the pair's inputs, not its legs' snapshots; say so, not silently pass.
        inputPasses.push(
          `${asset}: not re-derived from its legs offline: the bundle carries the pair's inputs (their hash is checked above) but not the legs' snapshots they are the ratio of; verify the round against the store (without --bundle) to re-derive them`,
        );
      }
    }

    const failures: string[] = [];
    const recordHash = hash(record);
    if (recordHash !== item.recordHash)
      failures.push(
        `the record hashes to ${recordHash}, but ${item.recordHash} was stored with it: the record was changed`,
      );
    const entry = signed.get(asset);
    let steppedNote = '';
    if (entry === undefined) failures.push('the round did not publish this asset');
    else {
      // A lagging chain's catch-up (docs/multi-chain.md) carries the record's `published` values
      // stepped from what that chain held, within its guardrails; every other round, the candidate.
      const { catchUp } = entry;
      const expected =
        catchUp === undefined
          ? record.candidate
          : {
              volIndexBps: record.published.volIndexBps,
              ...stepFromChain({
                from: catchUp.from ?? undefined,
                target: record.published,
                limits: catchUp.limits,
              }),
            };
      const what = catchUp === undefined ? "the record's candidate" : 'the catch-up step from the chain';
      for (const param of ['volIndexBps', 'ltvBps', 'ltBps', 'lbBps'] as const) {
        if (entry[param] !== expected[param])
          failures.push(`signed ${param} ${entry[param]} differs from ${what} ${expected[param]}`);
      }
      if (catchUp !== undefined)
        steppedNote = `, signed values stepped from ${catchUp.from === null ? 'nothing' : `${catchUp.from.ltvBps}/${catchUp.from.ltBps}/${catchUp.from.lbBps}`} towards ${record.published.ltvBps}/${record.published.ltBps}/${record.published.lbBps} (LTV/LT/LB, catch-up)`;
      if (entry.recordTs !== item.recordTs)
        failures.push(`the round points at record ${entry.recordTs}, the bundle carries ${item.recordTs}`);
    }
    if (!(MODEL_VERSIONS as readonly string[]).includes(record.modelVersion)) {
      failures.push(
        `recorded with model ${record.modelVersion}, this verifier knows ${MODEL_VERSIONS.join(', ')}: verify with the Ballast release of that model`,
      );
    }
    if (item.config === null)
      failures.push(
        `the config with hash ${record.configHash} is not in the bundle: it cannot be recomputed`,
      );
    else if (hash(item.config) !== record.configHash)
      failures.push(
        `the bundle's config hashes to ${hash(item.config)}, the record was computed with ${record.configHash}`,
      );
    if (record.previousHash === null && item.previous !== null)
      failures.push('the record started from no state, but the bundle carries one');
    if (record.previousHash !== null) {
      if (item.previous === null)
        failures.push(`the previous state ${record.previousHash} is not in the bundle`);
      else if (hash(item.previous.state) !== record.previousHash)
        failures.push(
          `the bundle's previous state hashes to ${hash(item.previous.state)}, the record started from ${record.previousHash}`,
        );
    }
    // A record continued from an engine checkpoint (docs/methodology.md §8.4): its inputs hold the
    // candles after it only, and the state must be the one the record names.
    if (record.checkpointHash !== undefined) {
      if (item.checkpoint === undefined)
        failures.push(
          `the record continued engine checkpoint ${record.checkpointHash}, which is not in the bundle: it cannot be recomputed (ballast export-bundle and ballast verify include it)`,
        );
      else if (hash(item.checkpoint.state) !== record.checkpointHash)
        failures.push(
          `the bundle's checkpoint state (${new Date(item.checkpoint.hourTs).toISOString()}) hashes to ${hash(item.checkpoint.state)}, the record continued ${record.checkpointHash}: the checkpoint was changed`,
        );
    } else if (item.checkpoint !== undefined)
      failures.push('the record was computed from the first candle, but the bundle carries a checkpoint');
    if (failures.length === 0 && item.config !== null) {
      let recomputed;
      try {
        recomputed = computeRiskCycle({
          inputs: item.inputs,
          config: item.config,
          hashScheme: scheme,
          ...(item.previous === null ? {} : { previous: item.previous.state }),
          ...(item.checkpoint === undefined ? {} : { checkpoint: item.checkpoint.state }),
          // The engine of the version the record names (docs/methodology.md §8.3).
          modelVersion: record.modelVersion,
        }).record;
      } catch (error) {
        failures.push(`recomputing failed: ${(error as Error).message}`);
      }
      if (recomputed !== undefined) {
        const difference = firstDifference(record, recomputed);
        if (difference !== undefined) failures.push(`recomputed record differs: ${difference}`);
      }
    }
    if (failures.length > 0) recomputeFailures.push(...failures.map((f) => `${asset}: ${f}`));
    else
      recomputePasses.push(
        `${asset}: identical (record ${recordHash.slice(0, 16)}…, model ${record.modelVersion}, hash ${scheme}, ${
          item.checkpoint === undefined
            ? `from the first candle, ${item.inputs.candles.length} candles`
            : `from the checkpoint of ${new Date(item.checkpoint.hourTs).toISOString()} + ${item.inputs.candles.length} new candle(s)`
        })${steppedNote}`,
      );
  }
  checks.push(check('inputs', inputFailures, inputPasses));
  checks.push(check('recompute', recomputeFailures, recomputePasses));
  if (store !== undefined)
    checks.push(await checkBookkeeping(bundle, { store, ...(chain === undefined ? {} : { chain }) }));
  return {
    round: publication.round,
    oracle,
    txHash: publication.txHash ?? null,
    checks,
    ok: checks.every((c) => c.status !== 'FAIL'),
  };
}
