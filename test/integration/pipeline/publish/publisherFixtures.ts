import { JsonRpcProvider } from 'ethers';
import { anvilDevAccount } from '../../../../shared/chain/oracle/anvilDevAccount.js';
import { configureAsset } from '../../../../shared/chain/oracle/configureAsset.js';
import { riskOracleContract } from '../../../../shared/chain/oracle/riskOracleContract.js';
import type { Guardrails } from '../../../../shared/chain/oracle/types.js';
import { guardrailsFromAssetConfig } from '../../../../shared/chain/oracle/guardrailsFromAssetConfig.js';
import type { AssetConfig } from '../../../../shared/config/assetsConfig.js';
import type { PublisherContext } from '../../../../shared/pipeline/publish/PublisherContext.js';
import type { PublishStageParams } from '../../../../shared/pipeline/publish/publishStage.js';
import { collectStage } from '../../../../shared/pipeline/collect/collectStage.js';
import { computeStage } from '../../../../shared/pipeline/compute/computeStage.js';
import type { RiskParamsBps, RiskRecord } from '../../../../shared/risk/types.js';
import { putRiskRecord } from '../../../../shared/store/putRiskRecord.js';

/**
 * Shared by the publisher integration tests (one stack per test file): real risk records from the
 * collect and compute stages, synthetic follow-up records, and chain-side helpers.
 */

/** Runs the real collect and compute stages for `assets` and returns the publish stage's input. */
export async function computeDueRecords(
  context: PublisherContext,
  assets: readonly string[],
): Promise<{ params: PublishStageParams; records: Record<string, RiskRecord> }> {
  const computed = await Promise.all(
    assets.map(async (asset) => {
      const { ts } = await collectStage(context, { asset });
      return computeStage(context, { asset, ts });
    }),
  );
  return {
    params: { records: computed.map(({ asset, ts, publishDue }) => ({ asset, ts, publishDue })) },
    records: Object.fromEntries(computed.map((c) => [c.asset, c.record])),
  };
}

/**
 * Stores a due record for `asset` at `ts`, cloned from a real record with another candidate: the
 * publisher reads only the candidate, flags and next state, so a follow-up batch does not need
 * another market collection. `ts` must be at least the on-chain `minIntervalSec` (1 s locally)
 * after the asset's previous observation.
 */
export async function putDueRecord(
  context: PublisherContext,
  template: RiskRecord,
  asset: string,
  ts: number,
  candidate: RiskParamsBps = template.candidate,
): Promise<{ asset: string; ts: number; publishDue: true }> {
  const record: RiskRecord = {
    ...template,
    asset,
    candidate,
    published: candidate,
    publish: { ...template.publish, due: true },
    nextState: { ...template.nextState, asset, ...candidate },
  };
  await putRiskRecord(context.dynamo, context.tables, { asset, ts }, record);
  return { asset, ts, publishDue: true };
}

/** Reconfigures an asset's guardrails as the contract owner (anvil dev account 0). */
export async function setGuardrails(
  rpcUrl: string,
  oracleAddress: string,
  asset: string,
  guardrails: Guardrails,
): Promise<void> {
  const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1 });
  try {
    await configureAsset({ address: oracleAddress, runner: anvilDevAccount(0, provider) }, asset, guardrails);
  } finally {
    provider.destroy();
  }
}

/** An asset's on-chain guardrails as the local bootstrap sets them: a short interval, for cycles seconds apart. */
export function guardrailsFor(config: AssetConfig, minIntervalSec: number): Guardrails {
  return { ...guardrailsFromAssetConfig({ asset: config, cyclePeriodSeconds: 300 }), minIntervalSec };
}

/** On-chain round counter and the number of ParametersUpdated events (one per accepted batch). */
export async function chainRounds(
  context: PublisherContext,
): Promise<{ lastRound: bigint; events: number; rounds: bigint[] }> {
  const contract = riskOracleContract({ address: context.oracleAddress, runner: context.rpc.provider });
  const lastRound = (await contract.getFunction('lastRound')()) as bigint;
  const events = await contract.queryFilter(contract.filters.ParametersUpdated?.() ?? 'ParametersUpdated', 0);
  const rounds = events.map((e) => ('args' in e ? (e.args[0] as bigint) : -1n));
  return { lastRound, events: events.length, rounds };
}

/**
 * Moves the chain clock on by `seconds`. With automine off, the pending block can carry the same
 * second as the block just mined, and the oracle refuses an update whose block time has not moved
 * past the asset's last one (`UpdateTooSoon`). Call it before each publish that mines under manual
 * mining, so the test does not depend on the wall clock crossing a second boundary.
 */
export async function advanceChainClock(context: PublisherContext, seconds = 1): Promise<void> {
  await context.rpc.call((p) => p.send('evm_increaseTime', [seconds]));
}
