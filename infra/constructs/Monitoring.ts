import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { BALLAST_METRICS, BALLAST_METRICS_NAMESPACE } from '../../shared/observability/metricNames.js';
import { INDEXER_LAG_ALARM_PERIOD, INDEXER_LAG_EVALUATION_PERIODS } from './defaults.js';

export interface MonitoredChain {
  readonly chainName: string;
  /** `service` dimension of the chain publisher's metrics (its POWERTOOLS_SERVICE_NAME). */
  readonly serviceName: string;
  /** Alarm below this balance, in ether (the publisher emits `SignerBalanceEth`). */
  readonly minSignerBalanceEth: number;
  /**
   * Assets and pairs (`C/D`) published on this chain (its `assets` and `pairs` in the stage
   * config, as the publisher's lane selects them). @default every asset and pair
   */
  readonly assets?: readonly string[];
}

/** An asset or a configured pair (`C/D`): the `Asset` dimension of its metrics. */
export interface MonitoredAsset {
  readonly name: string;
  /** Alarm when the asset's parameters are older than this, seconds (heartbeat + grace). */
  readonly stalenessThresholdSeconds: number;
}

export interface MonitoringProps {
  readonly stage: string;
  readonly topic: ITopic;
  readonly stateMachine: IStateMachine;
  readonly deadLetterQueue: IQueue;
  readonly functions: readonly IFunction[];
  readonly httpApi: HttpApi;
  /** `service` dimension of collect/compute metrics (their POWERTOOLS_SERVICE_NAME). */
  readonly pipelineServiceName: string;
  readonly chains: readonly MonitoredChain[];
  readonly assets: readonly MonitoredAsset[];
  readonly cyclePeriod: Duration;
  /** When the schedule runs, missing staleness data means the pipeline stopped: alarm on it. */
  readonly scheduleEnabled: boolean;
  readonly pendingTxAlarmSeconds: number;
  /** Position health (docs/positions.md): the positions dead-letter queue and the indexer's lag. */
  readonly positions?: MonitoredPositions;
}

export interface MonitoredPositions {
  readonly deadLetterQueue: IQueue;
  /** `service` dimension of the indexer's metrics (its POWERTOOLS_SERVICE_NAME). */
  readonly indexerServiceName: string;
  /** `service` dimension of the monitor's metrics. */
  readonly monitorServiceName: string;
  /** When the indexer's schedule runs, missing lag data means it stopped: alarm on it. */
  readonly indexerScheduleEnabled: boolean;
  /** Alarm above this many blocks of lag, per market. */
  readonly lagAlarmBlocks: number;
  /** Followed markets, as marketKey (`<chainId>:<checksummed address>`): the `Market` dimension. */
  readonly markets: readonly string[];
}

/**
 * Alarms before users notice, an encrypted SNS topic they go to, and one dashboard. Alarms:
 * workflow failures (and a schedule that stopped), parameter staleness per asset and pair per chain,
 * degraded cycles per asset and pair, pending transaction age, signer balance, KMS throttles, DLQ
 * depth, API 5xx, errors and throttles of every function, and for position health the positions
 * dead-letter queue and each followed market's indexer lag.
 */
export class Monitoring extends Construct {
  readonly topic: ITopic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = props.topic;

    const period = props.cyclePeriod.toSeconds() < 60 ? Duration.minutes(1) : props.cyclePeriod;
    const ballast = (
      metricName: string,
      service: string,
      statistic: string,
      extra: Record<string, string> = {},
    ) =>
      new Metric({
        namespace: BALLAST_METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service, ...extra },
        statistic,
        period,
      });
    const alarm = (
      alarmId: string,
      description: string,
      metric: IMetric,
      options: {
        threshold: number;
        comparison: ComparisonOperator;
        evaluationPeriods?: number;
        datapointsToAlarm?: number;
        missing?: TreatMissingData;
      },
    ): Alarm => {
      const created = new Alarm(this, alarmId, {
        alarmName: `ballast-${props.stage}-${alarmId}`,
        alarmDescription: description,
        metric,
        threshold: options.threshold,
        comparisonOperator: options.comparison,
        evaluationPeriods: options.evaluationPeriods ?? 1,
        datapointsToAlarm: options.datapointsToAlarm ?? options.evaluationPeriods ?? 1,
        treatMissingData: options.missing ?? TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new SnsAction(this.topic));
      created.addOkAction(new SnsAction(this.topic));
      this.alarms.push(created);
      return created;
    };
    const missingWhenScheduled = props.scheduleEnabled
      ? TreatMissingData.BREACHING
      : TreatMissingData.NOT_BREACHING;

    // Workflow.
    const failures = new MathExpression({
      label: 'failed + timed out + aborted',
      expression: 'failed + timedOut + aborted',
      usingMetrics: {
        failed: props.stateMachine.metricFailed({ period, statistic: 'Sum' }),
        timedOut: props.stateMachine.metricTimedOut({ period, statistic: 'Sum' }),
        aborted: props.stateMachine.metricAborted({ period, statistic: 'Sum' }),
      },
      period,
    });
    alarm(
      'workflow-failed',
      'A cycle failed, timed out or was aborted (runbook: docs/operations.md#incidents).',
      failures,
      {
        threshold: 1,
        comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      },
    );
    if (props.scheduleEnabled) {
      alarm(
        'workflow-not-started',
        'No cycle started for 3 periods: the schedule is disabled or failing (check the scheduler DLQ).',
        props.stateMachine.metricStarted({ period, statistic: 'Sum' }),
        {
          threshold: 1,
          comparison: ComparisonOperator.LESS_THAN_THRESHOLD,
          evaluationPeriods: 3,
          missing: TreatMissingData.BREACHING,
        },
      );
    }
    // Alarm ids name a pair C/D as C-D (a construct id has no slash; asset names have no dash).
    const idOf = (asset: MonitoredAsset): string => asset.name.replace('/', '-');
    // collect (an asset) and the cross-asset step (a pair) emit DegradedCycles (dimension Asset)
    // only when that cycle degraded.
    for (const asset of props.assets) {
      alarm(
        `degraded-${idOf(asset)}`,
        `${asset.name}: three consecutive cycles ran degraded (too few healthy venues); parameters only tighten (runbook: degraded data).`,
        ballast(BALLAST_METRICS.degradedCycles, props.pipelineServiceName, 'Sum', { Asset: asset.name }),
        {
          threshold: 1,
          comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 3,
        },
      );
    }

    // Per chain: staleness per asset, pending tx age, signer balance, KMS throttles.
    const assetsOf = (chain: MonitoredChain): readonly MonitoredAsset[] =>
      props.assets.filter((asset) => chain.assets === undefined || chain.assets.includes(asset.name));
    for (const chain of props.chains) {
      for (const asset of assetsOf(chain)) {
        alarm(
          `stale-${chain.chainName}-${idOf(asset)}`,
          `${asset.name} parameters on ${chain.chainName} older than ${asset.stalenessThresholdSeconds} s (heartbeat + grace) (runbook: stale parameters).`,
          ballast(BALLAST_METRICS.assetStaleness, chain.serviceName, 'Maximum', { Asset: asset.name }),
          {
            threshold: asset.stalenessThresholdSeconds,
            comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
            missing: missingWhenScheduled,
          },
        );
      }
      alarm(
        `pending-tx-${chain.chainName}`,
        `A ${chain.chainName} transaction has been pending longer than ${props.pendingTxAlarmSeconds} s (runbook: stuck transactions).`,
        ballast(BALLAST_METRICS.pendingTxAge, chain.serviceName, 'Maximum'),
        { threshold: props.pendingTxAlarmSeconds, comparison: ComparisonOperator.GREATER_THAN_THRESHOLD },
      );
      alarm(
        `signer-balance-${chain.chainName}`,
        `The signer's ${chain.chainName} balance is below the configured minimum: fund it (runbook: fund the signer).`,
        ballast(BALLAST_METRICS.signerBalance, chain.serviceName, 'Minimum'),
        { threshold: chain.minSignerBalanceEth, comparison: ComparisonOperator.LESS_THAN_THRESHOLD },
      );
      alarm(
        `kms-throttles-${chain.chainName}`,
        `KMS throttled signing for ${chain.chainName} in 2 of 3 cycles: the account's ECC Sign quota is shared (request an increase).`,
        ballast(BALLAST_METRICS.kmsThrottles, chain.serviceName, 'Sum'),
        {
          threshold: 1,
          comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 3,
          datapointsToAlarm: 2,
        },
      );
    }

    // Every function: any error or throttle in a period (publishers reserve 1: a throttle means two
    // invocations met, which the workflow never does on its own).
    for (const fn of props.functions) {
      const name = (fn.node.scope ?? fn).node.id.toLowerCase();
      alarm(
        `errors-${name}`,
        `The ${name} function failed at least once in a period (runbook: lambda errors; its log group has the error).`,
        fn.metricErrors({ period, statistic: 'Sum' }),
        { threshold: 1, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD },
      );
      alarm(
        `throttles-${name}`,
        `The ${name} function was throttled at least once in a period (account concurrency, or an overlapping invocation).`,
        fn.metricThrottles({ period, statistic: 'Sum' }),
        { threshold: 1, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD },
      );
    }

    alarm(
      'schedule-dlq',
      'The scheduler could not start the workflow (messages in its dead-letter queue).',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
      { threshold: 1, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD },
    );
    // Position health: anything in the positions dead-letter queue (a failed indexer run), an alert
    // the monitor dead-lettered (its alerts table), and an indexer falling behind a market's head.
    if (props.positions !== undefined) {
      const positions = props.positions;
      alarm(
        'positions-dlq',
        'Messages in the positions dead-letter queue: a failed indexer run, or a scheduled run that could not start (runbook: positions dead-letter queue).',
        positions.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
        { threshold: 1, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD },
      );
      alarm(
        'alerts-dead-lettered',
        'A position alert could not be delivered after every retry and was dead-lettered (runbook: position alerts dead-lettered).',
        ballast(BALLAST_METRICS.alertsDeadLettered, positions.monitorServiceName, 'Sum'),
        { threshold: 1, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD },
      );
      for (const market of positions.markets) {
        alarm(
          `indexer-lag-${market.replace(':', '-').toLowerCase()}`,
          `The positions indexer is more than ${positions.lagAlarmBlocks} blocks behind market ${market} (runbook: positions indexer lag).`,
          new Metric({
            namespace: BALLAST_METRICS_NAMESPACE,
            metricName: BALLAST_METRICS.indexerLag,
            dimensionsMap: { service: positions.indexerServiceName, Market: market },
            statistic: 'Maximum',
            period: INDEXER_LAG_ALARM_PERIOD,
          }),
          {
            threshold: positions.lagAlarmBlocks,
            comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
            evaluationPeriods: INDEXER_LAG_EVALUATION_PERIODS,
            missing: positions.indexerScheduleEnabled
              ? TreatMissingData.BREACHING
              : TreatMissingData.NOT_BREACHING,
          },
        );
      }
    }
    alarm(
      'api-5xx',
      'The read API answered 5 or more server errors in a period.',
      props.httpApi.metricServerError({ period, statistic: 'Sum' }),
      { threshold: 5, comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD },
    );

    // Dashboard.
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `ballast-${props.stage}`,
      defaultInterval: Duration.hours(12),
    });
    const wide = { width: 12, height: 6 } as const;
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# Ballast ${props.stage}\nRunbook: docs/operations.md. Alarms go to the stage's SNS alarm topic.`,
        width: 24,
        height: 2,
      }),
      new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 }),
      new GraphWidget({
        title: 'Cycles',
        left: [
          props.stateMachine.metricSucceeded({ period, statistic: 'Sum' }),
          props.stateMachine.metricFailed({ period, statistic: 'Sum' }),
          props.stateMachine.metricTimedOut({ period, statistic: 'Sum' }),
        ],
        ...wide,
      }),
      new GraphWidget({
        title: 'Degraded cycles per asset',
        left: props.assets.map((asset) =>
          ballast(BALLAST_METRICS.degradedCycles, props.pipelineServiceName, 'Sum', { Asset: asset.name }),
        ),
        ...wide,
      }),
      ...props.chains.map(
        (chain) =>
          new GraphWidget({
            title: `Parameter staleness (s), ${chain.chainName}`,
            left: assetsOf(chain).map((asset) =>
              ballast(BALLAST_METRICS.assetStaleness, chain.serviceName, 'Maximum', { Asset: asset.name }),
            ),
            ...wide,
          }),
      ),
      ...props.chains.map(
        (chain) =>
          new GraphWidget({
            title: `Publisher, ${chain.chainName}`,
            left: [
              ballast(BALLAST_METRICS.pendingTxAge, chain.serviceName, 'Maximum'),
              ballast(BALLAST_METRICS.kmsThrottles, chain.serviceName, 'Sum'),
              ballast(BALLAST_METRICS.publishFailures, chain.serviceName, 'Sum'),
              ballast(BALLAST_METRICS.batchSize, chain.serviceName, 'Maximum'),
              ballast(BALLAST_METRICS.publisherBusy, chain.serviceName, 'Sum'),
              ballast(BALLAST_METRICS.rpcFailovers, chain.serviceName, 'Sum'),
              ballast(BALLAST_METRICS.feeCapReached, chain.serviceName, 'Sum'),
              ballast(BALLAST_METRICS.txReplacements, chain.serviceName, 'Sum'),
            ],
            right: [
              ballast(BALLAST_METRICS.signerBalance, chain.serviceName, 'Minimum'),
              ballast(BALLAST_METRICS.batchGasUsed, chain.serviceName, 'Average'),
            ],
            ...wide,
          }),
      ),
      new GraphWidget({
        title: 'Lambda duration p99 (ms)',
        left: props.functions.map((fn) => fn.metricDuration({ period, statistic: 'p99' })),
        ...wide,
      }),
      new GraphWidget({
        title: 'Lambda errors and throttles',
        left: props.functions.map((fn) => fn.metricErrors({ period, statistic: 'Sum' })),
        right: props.functions.map((fn) => fn.metricThrottles({ period, statistic: 'Sum' })),
        ...wide,
      }),
      new GraphWidget({
        title: 'Read API',
        left: [props.httpApi.metricCount({ period, statistic: 'Sum' })],
        right: [props.httpApi.metricLatency({ period, statistic: 'p99' })],
        ...wide,
      }),
      ...(props.positions === undefined
        ? []
        : [
            new GraphWidget({
              title: 'Positions: indexer lag (blocks) and dead-letter queue',
              left: props.positions.markets.map(
                (market) =>
                  new Metric({
                    namespace: BALLAST_METRICS_NAMESPACE,
                    metricName: BALLAST_METRICS.indexerLag,
                    dimensionsMap: { service: props.positions!.indexerServiceName, Market: market },
                    statistic: 'Maximum',
                    period,
                  }),
              ),
              right: [
                props.positions.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
                  period,
                  statistic: 'Maximum',
                }),
              ],
              ...wide,
            }),
          ]),
      new GraphWidget({
        title: 'Scheduler DLQ',
        left: [
          props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
        ],
        ...wide,
      }),
    );
  }
}
