import { healthParamsOf } from '../../risk/health/healthParamsOf.js';
import type { AlertMessage, AlertState } from '../../store/AlertMessage.js';
import type { AlertChannel, AlertStateItem } from '../../store/AlertOutboxEntry.js';
import { commitAlertTransition } from '../../store/commitAlertTransition.js';
import { getRiskRecord } from '../../store/getRiskRecord.js';
import { listAlertEntries } from '../../store/listAlertEntries.js';
import { listAlertStates } from '../../store/listAlertStates.js';
import { listAssetHeads } from '../../store/listAssetHeads.js';
import { listHealthPositions } from '../../store/listHealthPositions.js';
import { putPositionHealth } from '../../store/putPositionHealth.js';
import { readCyclePrices } from '../../store/readCyclePrices.js';
import type { RecordKey } from '../../store/StoredRiskRecord.js';
import { assessPositions } from './assessPositions.js';
import { deliverAlert } from './deliverAlert.js';
import { DEFAULT_MONITOR_OPTIONS, type MonitorContext } from './MonitorContext.js';
import { MonitorInputError } from './errors.js';

export interface RunMonitorParams {
  /**
   * The cycle's records (the publish step's input; `publishDue` and other members are ignored):
   * their snapshots give the reference prices and their candidates the next parameters.
   */
  readonly records: readonly RecordKey[];
}

export interface RunMonitorResult {
  /** The cycle: the newest record ts, ms UTC. */
  readonly cycleTs: number;
  /** Positions read, with debt and a health factor, and without one (an asset unpriced). */
  readonly positions: number;
  readonly evaluated: number;
  readonly unknown: number;
  /** Positions near the edge stored with the cycle's health (docs/positions.md). */
  readonly nearEdge: number;
  /** Positions per alert state now (those with debt and a health factor). */
  readonly states: Readonly<Record<AlertState, number>>;
  /** Alert-state changes this run wrote, each with its alert in the outbox. */
  readonly transitions: number;
  /** Alerts that left the outbox this run: delivered on every channel, or dead-lettered. */
  readonly delivered: number;
  readonly deadLettered: number;
  /** Failed delivery attempts this run (each followed by a retry, or a dead letter). */
  readonly failedAttempts: number;
  /**
   * Alerts still in the outbox after the run: a channel was down (one alert used up its retries
   * there; the rest wait for the next run), or another run was delivering them.
   */
  readonly pending: number;
  /**
   * True when the run stopped early (its time almost up, `remainingMs`): some state changes or
   * deliveries wait for the next run, which finishes them.
   */
  readonly stoppedEarly: boolean;
  /** Channels alerts go to: `webhook` and/or `topic`; none locally without a webhook. */
  readonly channels: readonly AlertChannel[];
}

/**
 * The monitor stage, after each publish (docs/positions.md, "Alerts"): every position's health under
 * the latest published parameters (the asset heads) and under the next candidates (the cycle's
 * records), at the cycle's reference prices, a pair LT where the position is one pair
 * (docs/methodology.md §11); the positions near the edge stored with the cycle; each alert-state
 * change written with its alert in one transaction (the outbox); then every alert in the outbox
 * delivered (signed webhook, and the topic in AWS) with retries and backoff, or dead-lettered.
 *
 * Crash-safe: a rerun recomputes the same states, finds the changes already written (no second
 * alert) and delivers what the outbox still holds (nothing lost). The one repeat a crash can cause
 * is an alert whose request succeeded but whose delivery was not yet recorded: it is sent again
 * with the same id (receivers deduplicate on `ballast-alert-id`). With `remainingMs` the run stops
 * starting work when its time is almost up; the next run finishes it the same way.
 */
export async function runMonitor(
  context: MonitorContext,
  { records }: RunMonitorParams,
): Promise<RunMonitorResult> {
  if (records.length === 0)
    throw new MonitorInputError("records: [] is empty; the monitor needs the cycle's records (asset, ts)", {
      fix: "pass the publish step's input records",
    });
  const options = { ...DEFAULT_MONITOR_OPTIONS, ...context.options };
  let writes = 0;
  const wrote = (): void => {
    writes++;
    context.afterWrite?.(writes);
  };
  const cycleTs = Math.max(...records.map((r) => r.ts));
  let stoppedEarly = false;
  const outOfTime = (): boolean => {
    if (context.remainingMs !== undefined && context.remainingMs() < options.timeReserveMs)
      stoppedEarly = true;
    return stoppedEarly;
  };

  // Inputs: LTs on-chain, the next candidates over them, the cycle's prices, every position.
  const [heads, stored, prices, { positions }] = await Promise.all([
    listAssetHeads(context.dynamo, context.tables),
    Promise.all(records.map((key) => getRiskRecord(context.dynamo, context.tables, key))),
    readCyclePrices(context.dynamo, context.tables, records),
    listHealthPositions(context.dynamo, context.tables),
  ]);
  const ltBps: Record<string, number> = {};
  for (const head of heads) ltBps[head.asset] = head.state.ltBps;
  const nextLtBps: Record<string, number> = { ...ltBps };
  for (const { record } of stored) nextLtBps[record.asset] = record.candidate.ltBps;

  const assessment = assessPositions({
    positions,
    prices,
    current: healthParamsOf(ltBps),
    next: healthParamsOf(nextLtBps),
    nearEdgeMargin: options.nearEdgeMargin,
    maxNearEdgeStored: options.maxNearEdgeStored,
  });
  const computedAt = context.now();
  await putPositionHealth(context.dynamo, context.tables, {
    cycleTs,
    computedAt,
    positions: positions.length,
    evaluated: assessment.evaluated,
    unknown: assessment.unknown.length,
    states: assessment.states,
    nearEdgeMargin: options.nearEdgeMargin,
    nearEdge: assessment.nearEdge,
    truncated: assessment.truncated,
    prices,
    ltBps,
    nextLtBps,
  });
  wrote();

  // State changes, each with its alert, in one transaction.
  const channels: AlertChannel[] = [
    ...(context.webhook === undefined ? [] : (['webhook'] as const)),
    ...(context.topic === undefined ? [] : (['topic'] as const)),
  ];
  const states = await listAlertStates(context.dynamo, context.tables);
  let transitions = 0;
  for (const position of assessment.assessed) {
    const previous = states.get(position.id);
    const previousState = previous?.state ?? 'ok';
    if (position.state === previousState) continue;
    if (outOfTime()) break;
    const seq = (previous?.seq ?? 0) + 1;
    const next: AlertStateItem = {
      position: position.id,
      state: position.state,
      seq,
      hf: position.hf,
      hfNext: position.hfNext,
      cycleTs,
    };
    const message: AlertMessage = {
      type: 'ballast.position.alert',
      id: `${position.id}#${seq}`,
      position: position.id,
      state: position.state,
      previousState,
      hf: position.hf,
      hfNext: position.hfNext,
      alertLevel: position.alertLevel,
      collateralUsd: position.collateralUsd,
      debtUsd: position.debtUsd,
      cycleTs,
      detectedAt: new Date(computedAt).toISOString(),
    };
    const committed = await commitAlertTransition(context.dynamo, context.tables, {
      previous,
      next,
      entry: { id: message.id, message, pending: channels, attempts: {}, createdAt: computedAt },
    });
    if (committed === 'committed') {
      transitions++;
      wrote();
    }
  }

  // Delivery: everything in the outbox, this run's alerts and any a previous run left.
  let delivered = 0;
  let deadLettered = 0;
  let failedAttempts = 0;
  const down = new Set<AlertChannel>();
  for (const entry of await listAlertEntries(context.dynamo, context.tables, 'outbox')) {
    if (outOfTime()) break;
    const result = await deliverAlert(context, { entry, options, wrote, down });
    failedAttempts += result.failures;
    if (result.outcome === 'sent') delivered++;
    else if (result.outcome === 'dead') deadLettered++;
  }
  const pending = (await listAlertEntries(context.dynamo, context.tables, 'outbox')).length;
  return {
    cycleTs,
    positions: positions.length,
    evaluated: assessment.evaluated,
    unknown: assessment.unknown.length,
    nearEdge: assessment.nearEdge.length + assessment.truncated,
    states: assessment.states,
    transitions,
    delivered,
    deadLettered,
    failedAttempts,
    pending,
    stoppedEarly,
    channels,
  };
}
