import { resolve } from 'node:path';
import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { StringParameter, type IStringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import type { LoadStageConfigResult } from '../config/loadStageConfig.js';
import { AlarmTopic } from '../constructs/AlarmTopic.js';
import { BallastFunction } from '../constructs/BallastFunction.js';
import { BallastTables, grantAppendOnly } from '../constructs/BallastTables.js';
import {
  HANDLER_ENTRIES,
  INDEXER_MEMORY_MB,
  INDEXER_POSITIONS_TABLE_ACTIONS,
  INDEXER_TIMEOUT,
  MIN_WORKFLOW_TIMEOUT,
  MONITOR_MEMORY_MB,
  MONITOR_TASK_TIMEOUT,
  MONITOR_TIMEOUT,
  SCHEDULE_MAX_EVENT_AGE,
  WORKFLOW_TIMEOUT_MARGIN,
  type HandlerName,
} from '../constructs/defaults.js';
import { KeyCustodyAlarms } from '../constructs/KeyCustodyAlarms.js';
import { PublisherCodeSigning } from '../constructs/PublisherCodeSigning.js';
import { StageConfigError } from '../config/errors.js';
import { lambdaBundling } from '../constructs/lambdaBundling.js';
import { Monitoring } from '../constructs/Monitoring.js';
import { nagFindingId } from '../constructs/nagFindingId.js';
import { Pipeline } from '../constructs/Pipeline.js';
import { Positions } from '../constructs/Positions.js';
import { ReadApi } from '../constructs/ReadApi.js';
import { SigningKey } from '../constructs/SigningKey.js';
import { BALLAST_METRICS_NAMESPACE } from '../../shared/observability/metricNames.js';
import { riskConfigOf } from '../../shared/config/riskConfigOf.js';
import { riskIds } from '../../shared/config/riskIds.js';
import { laneIncludes } from '../../shared/pipeline/publish/laneIncludes.js';
import { marketKey } from '../../shared/positions/marketKey.js';

export interface BallastStackProps extends StackProps {
  /** The validated stage and assets config (infra/config/loadStageConfig.ts). */
  readonly config: LoadStageConfigResult;
  /** Repository root: handler paths, esbuild's working directory, the lock file. */
  readonly repoRoot: string;
  /**
   * Absolute handler entry files, per handler. Tests may point these at fixtures.
   * @default `HANDLER_ENTRIES` under `repoRoot`
   */
  readonly handlerEntries?: Partial<Record<HandlerName, string>>;
}

/**
 * Collect function timeout: five venues in parallel, each request up to 3 attempts of 5 s
 * (venueHttpOptions), candle history paged: normally 1–3 s, a slow venue costs tens of seconds.
 */
const COLLECT_TIMEOUT = Duration.seconds(120);
/** Collect and compute task timeout: above both function timeouts, so States.Timeout means a hung invoke. */
const TASK_TIMEOUT = Duration.seconds(150);
/**
 * Publisher function timeout: the publisher may wait up to 4 × 30 s for a transaction (3 fee-bumped
 * replacements, DEFAULT_PUBLISHER_TIMING) plus signing and RPC calls.
 */
const PUBLISH_TIMEOUT = Duration.seconds(180);

/**
 * One Ballast deployment (stage): tables, signing key(s), the four Lambdas (one publisher per
 * chain), the scheduled workflow, the read API and monitoring. Permissions are grants only.
 */
export class BallastStack extends Stack {
  readonly tables: BallastTables;
  readonly signingKeys: Readonly<Record<string, SigningKey>>;
  readonly pipeline: Pipeline;
  readonly readApi: ReadApi;
  readonly monitoring: Monitoring;
  readonly positions: Positions;

  constructor(scope: Construct, id: string, props: BallastStackProps) {
    super(scope, id, props);
    const { stage, assets, assetNames } = props.config;
    const name = stage.stage;
    const tablePrefix = `ballast-${name}`;
    const logRetention = stage.logRetentionDays as RetentionDays;
    const cyclePeriod = Duration.minutes(stage.scheduleRateMinutes);
    // One cycle at a time: a cycle started as late as the scheduler allows ends before the next.
    const workflowTimeout = Duration.seconds(
      cyclePeriod.toSeconds() - SCHEDULE_MAX_EVENT_AGE.toSeconds() - WORKFLOW_TIMEOUT_MARGIN.toSeconds(),
    );
    if (workflowTimeout.toSeconds() < MIN_WORKFLOW_TIMEOUT.toSeconds()) {
      throw new StageConfigError(
        `stage "${name}": scheduleRateMinutes ${stage.scheduleRateMinutes} leaves a workflow timeout of ${workflowTimeout.toSeconds()} s, below the ${MIN_WORKFLOW_TIMEOUT.toSeconds()} s a cycle needs`,
        {
          fix: 'use a schedule period of at least 4 minutes (and the same cyclePeriodSeconds in the assets config)',
        },
      );
    }
    const pipelineServiceName = `ballast-${name}`;
    const entry = (handler: HandlerName): string =>
      props.handlerEntries?.[handler] ?? resolve(props.repoRoot, HANDLER_ENTRIES[handler]);
    const bundling = lambdaBundling({ assetsConfigJson: JSON.stringify(assets) });
    const common = {
      projectRoot: props.repoRoot,
      bundling,
      metricsNamespace: BALLAST_METRICS_NAMESPACE,
      logRetention,
    } as const;

    // Storage.
    const tableKey = stage.customerManagedTableKey
      ? new Key(this, 'TableKey', {
          description: `Ballast ${name}: encrypts the tables`,
          enableKeyRotation: true,
        })
      : undefined;
    this.tables = new BallastTables(this, 'Tables', {
      tablePrefix,
      ...(tableKey === undefined ? {} : { encryptionKey: tableKey }),
    });
    const t = this.tables.tables;

    // Functions.
    const baseEnv = { BALLAST_TABLE_PREFIX: tablePrefix };
    const collect = new BallastFunction(this, 'Collect', {
      ...common,
      entry: entry('collect'),
      description: `Ballast ${name}: collect books, candles and venue status for one asset`,
      serviceName: pipelineServiceName,
      environment: baseEnv,
      memorySize: 512,
      timeout: COLLECT_TIMEOUT,
    });
    const compute = new BallastFunction(this, 'Compute', {
      ...common,
      entry: entry('compute'),
      description: `Ballast ${name}: compute risk parameters for one asset`,
      serviceName: pipelineServiceName,
      environment: baseEnv,
      memorySize: 1024,
      timeout: Duration.seconds(60),
    });
    const primary = stage.chains[0]!;
    const positionKeysParameterName = `/ballast/${name}/position-keys`;
    const api = new BallastFunction(this, 'ApiHandler', {
      ...common,
      entry: entry('api'),
      description: `Ballast ${name}: read API`,
      serviceName: pipelineServiceName,
      environment: {
        ...baseEnv,
        BALLAST_ORACLE_ADDRESS: primary.oracleAddress,
        BALLAST_CHAIN_ID: String(primary.chainId),
        // Every target chain, for the per-chain status and the `chain` parameter (docs/multi-chain.md).
        BALLAST_CHAINS_JSON: JSON.stringify(
          stage.chains.map(({ name, chainId, oracleAddress }) => ({ name, chainId, oracleAddress })),
        ),
        // PUT /v1/positions keys (SHA-256 per protocol); the operator creates the SecureString.
        BALLAST_POSITION_KEYS_PARAM: positionKeysParameterName,
      },
      memorySize: 256,
      timeout: Duration.seconds(10),
    });

    // The positions indexer (docs/positions.md), on its own schedule: the stage's markets, each with
    // its chain's RPC SecureString name (never the URLs themselves).
    const chainById = new Map(stage.chains.map((chain) => [chain.chainId, chain]));
    const indexedMarkets = stage.positions.markets.map((market) => ({
      ...market,
      rpcUrlsParameterName:
        market.rpcUrlsParameterName ?? chainById.get(market.chainId)!.rpcUrlsParameterName,
    }));
    const indexer = new BallastFunction(this, 'Indexer', {
      ...common,
      entry: entry('indexer'),
      description: `Ballast ${name}: follow the lending markets' positions (cursor in DynamoDB)`,
      serviceName: `ballast-${name}-indexer`,
      environment: { ...baseEnv, BALLAST_POSITION_MARKETS_JSON: JSON.stringify(indexedMarkets) },
      memorySize: INDEXER_MEMORY_MB,
      timeout: INDEXER_TIMEOUT,
    });

    // The position monitor (docs/positions.md, "Alerts"), a step after publish: alerts go to the
    // alerts topic and, when the stage sets one, to a webhook signed with the key held in SSM.
    const alertWebhookKeyParameterName = `/ballast/${name}/alert-webhook-key`;
    const monitor = new BallastFunction(this, 'Monitor', {
      ...common,
      entry: entry('monitor'),
      description: `Ballast ${name}: position health and alerts after each publish`,
      serviceName: `ballast-${name}-monitor`,
      environment: {
        ...baseEnv,
        ...(stage.positions.alertWebhookUrl === undefined
          ? {}
          : {
              BALLAST_ALERT_WEBHOOK_URL: stage.positions.alertWebhookUrl,
              BALLAST_ALERT_WEBHOOK_SECRET_PARAM: alertWebhookKeyParameterName,
            }),
      },
      memorySize: MONITOR_MEMORY_MB,
      timeout: MONITOR_TIMEOUT,
    });

    // Publisher code signing: only code signed by the stack's profile may run with the signing key
    // (Enforce), or unsigned code deploys with a warning (Warn, until the first signed bundle).
    const codeSigning = new PublisherCodeSigning(this, 'PublisherCodeSigning', {
      stage: name,
      mode: stage.publisherCodeSigning.mode,
    });
    const signedPublisherCode =
      stage.publisherCodeSigning.mode === 'Enforce'
        ? stage.publisherCodeSigning.signedPublisherCode
        : undefined;

    // One publisher per chain: a single writer each (reserved concurrency 1), no async retries
    // (its transaction ledger owns retries). All sign with the active key.
    const publishers = stage.chains.map((chain) => ({
      chain,
      serviceName: `ballast-${name}-publish-${chain.name}`,
      fn: new BallastFunction(this, `Publish-${chain.name}`, {
        ...common,
        entry: entry('publish'),
        description: `Ballast ${name}: sign and publish a batch to ${chain.name} (${chain.chainId})`,
        serviceName: `ballast-${name}-publish-${chain.name}`,
        environment: {
          ...baseEnv,
          BALLAST_ORACLE_ADDRESS: chain.oracleAddress,
          BALLAST_CHAIN_ID: String(chain.chainId),
          BALLAST_RPC_URLS_PARAM: chain.rpcUrlsParameterName,
          // The lane's whole chain entry (no secret in it: the RPC URLs stay in SSM).
          BALLAST_CHAIN_CONFIG_JSON: JSON.stringify(chain),
        },
        memorySize: 512,
        timeout: PUBLISH_TIMEOUT,
        reservedConcurrentExecutions: 1,
        retryAttempts: 0,
        codeSigningConfig: codeSigning.config,
        ...(signedPublisherCode === undefined ? {} : { signedCode: signedPublisherCode }),
      }),
    }));

    // Signing keys: administered by the named admin role only; only the active one names the
    // publishers as signers.
    const keyAdminRoleArn = this.formatArn({
      service: 'iam',
      region: '',
      resource: 'role',
      resourceName: stage.keyAdminRoleName,
    });
    const signingKeys: Record<string, SigningKey> = {};
    for (const keyName of stage.signingKeys) {
      const active = keyName === stage.activeSigningKey;
      signingKeys[keyName] = new SigningKey(this, `SigningKey-${keyName}`, {
        adminRoleArn: keyAdminRoleArn,
        aliasName: `ballast-${name}-signer-${keyName}`,
        description: `Ballast ${name}: secp256k1 signer ${keyName}${active ? ' (active)' : ' (inactive: no signer)'}`,
        signerRoles: active ? publishers.map((p) => p.fn.role) : [],
      });
    }
    this.signingKeys = signingKeys;
    const activeKey = signingKeys[stage.activeSigningKey]!;
    for (const p of publishers) p.fn.fn.addEnvironment('BALLAST_KMS_KEY_ID', activeKey.key.keyArn);

    // Data access, least privilege, grants only, matching what each stage calls (shared/store):
    // write-once puts read the existing item back on a conflict (putOnce), so writers also read.
    // The audit tables (snapshots, parameters, configs, publications) are append-only for every role: no
    // DeleteItem anywhere (grantAppendOnly); snapshots expire by TTL, records and publications stay.
    grantAppendOnly(t.snapshots, collect.fn); // putSnapshot
    grantAppendOnly(t.candles, collect.fn); // appendCandles (putSnapshot): each reference candle once
    t.snapshots.grantReadData(compute.fn); // getSnapshot
    grantAppendOnly(t.candles, compute.fn); // listCandles; appendCandles (a pair's candles)
    // The cross-asset step (docs/cross-asset.md): a pair's snapshot, and each cycle's correlations.
    grantAppendOnly(t.snapshots, compute.fn); // putSnapshot (collectPairStage)
    grantAppendOnly(t.correlations, compute.fn); // putCorrelations (correlateStage)
    grantAppendOnly(t.parameters, compute.fn); // putRiskRecord
    grantAppendOnly(t.configs, compute.fn); // putConfig (putRiskRecord): each resolved config once
    t.assets.grantReadWriteData(compute.fn); // getAssetHead, advanceAssetHead
    grantAppendOnly(t.checkpoints, compute.fn); // getLatestCheckpoint, putCheckpoint
    // SecureStrings by name only: CloudFormation cannot create them, and the RPC URLs (which embed
    // provider API keys) never enter the template or the environment.
    const rpcUrlsParameters = new Map<string, IStringParameter>();
    const rpcUrlsParameter = (parameterName: string): IStringParameter => {
      let parameter = rpcUrlsParameters.get(parameterName);
      if (parameter === undefined) {
        const chain = stage.chains.find((c) => c.rpcUrlsParameterName === parameterName);
        parameter = StringParameter.fromSecureStringParameterAttributes(
          this,
          chain === undefined ? `RpcUrls-${rpcUrlsParameters.size}` : `RpcUrls-${chain.name}`,
          { parameterName },
        );
        rpcUrlsParameters.set(parameterName, parameter);
      }
      return parameter;
    };
    for (const p of publishers) {
      for (const table of [t.parameters, t.publications]) grantAppendOnly(table, p.fn.fn);
      // Working state, not audit trail: the ledger and heads are updated, the lease is released.
      for (const table of [t.ledger, t.leases, t.assets]) table.grantReadWriteData(p.fn.fn);
      // A round's impact on positions (computeRoundImpact): the positions and the cycle's prices.
      for (const table of [t.positions, t.snapshots]) table.grantReadData(p.fn.fn);
      rpcUrlsParameter(p.chain.rpcUrlsParameterName).grantRead(p.fn.fn);
    }
    // The indexer: its markets' positions and cursors (a reorg repair deletes positions), and the
    // RPC SecureStrings of its markets' chains only.
    t.positions.grant(indexer.fn, ...INDEXER_POSITIONS_TABLE_ACTIONS);
    t.positions.encryptionKey?.grantEncryptDecrypt(indexer.fn);
    for (const parameterName of new Set(indexedMarkets.map((m) => m.rpcUrlsParameterName)))
      rpcUrlsParameter(parameterName).grantRead(indexer.fn);
    // The monitor reads every position, the asset heads (LTs on-chain), the cycle's records and
    // snapshots (candidates, prices); it keeps alert states, its outbox and dead letters in `alerts`.
    for (const table of [t.positions, t.assets, t.parameters, t.snapshots]) table.grantReadData(monitor.fn);
    t.alerts.grantReadWriteData(monitor.fn);
    if (stage.positions.alertWebhookUrl !== undefined) {
      StringParameter.fromSecureStringParameterAttributes(this, 'AlertWebhookKey', {
        parameterName: alertWebhookKeyParameterName,
      }).grantRead(monitor.fn);
    }
    // The API reads heads, history, snapshots and publications (audit bundles); not the ledger or
    // the leases. It never talks to a chain, so it gets no RPC URLs either.
    for (const table of [
      t.snapshots,
      t.candles,
      t.parameters,
      t.configs,
      t.assets,
      t.publications,
      t.correlations,
    ])
      table.grantReadData(api.fn);
    // PUT /v1/positions (docs/positions.md): writes a protocol's pushed positions (put, batch
    // write, delete of an emptied account) and reads the protocols' key hashes.
    t.positions.grantWriteData(api.fn);
    StringParameter.fromSecureStringParameterAttributes(this, 'PositionKeys', {
      parameterName: positionKeysParameterName,
    }).grantRead(api.fn);

    // Orchestration, API, monitoring. The topic comes first: the workflow's failure path uses it.
    const alarmTopic = new AlarmTopic(this, 'AlarmTopic', {
      stage: name,
      emails: stage.alarmSubscriptions.emails,
      httpsEndpoints: stage.alarmSubscriptions.https,
    });
    new KeyCustodyAlarms(this, 'KeyCustodyAlarms', {
      stage: name,
      keys: Object.values(signingKeys).map((k) => k.key),
      topic: alarmTopic.topic,
    });
    this.pipeline = new Pipeline(this, 'Pipeline', {
      stage: name,
      collect: collect.fn,
      compute: compute.fn,
      publishers: publishers.map((p) => ({ chainName: p.chain.name, fn: p.fn.fn })),
      monitor: monitor.fn,
      monitorTaskTimeout: MONITOR_TASK_TIMEOUT,
      assetNames,
      distributedMapThreshold: stage.distributedMapThreshold,
      mapMaxConcurrency: stage.mapMaxConcurrency,
      taskTimeout: TASK_TIMEOUT,
      workflowTimeout,
      scheduleMaxEventAge: SCHEDULE_MAX_EVENT_AGE,
      cyclePeriod,
      scheduleEnabled: stage.scheduleEnabled,
      notificationTopic: alarmTopic.topic,
      logRetention,
    });
    this.positions = new Positions(this, 'Positions', {
      stage: name,
      indexer: indexer.fn,
      indexerRate: Duration.minutes(stage.positions.indexerRateMinutes),
      indexerScheduleEnabled: stage.scheduleEnabled && stage.positions.markets.length > 0,
      scheduleMaxEventAge: SCHEDULE_MAX_EVENT_AGE,
    });
    // Alerts go to the topic: sns:Publish on it, and the two key actions publishing to an encrypted
    // topic needs (named: grantPublish would add kms:GenerateDataKey*).
    Grant.addToPrincipal({
      grantee: monitor.fn,
      actions: ['sns:Publish'],
      resourceArns: [this.positions.alertsTopic.topicArn],
    });
    this.positions.alertsKey.grant(monitor.fn, 'kms:Decrypt', 'kms:GenerateDataKey');
    monitor.fn.addEnvironment('BALLAST_ALERTS_TOPIC_ARN', this.positions.alertsTopic.topicArn);
    this.readApi = new ReadApi(this, 'ReadApi', {
      stage: name,
      handler: api.fn,
      rateLimit: stage.api.rateLimit,
      burstLimit: stage.api.burstLimit,
      logRetention,
    });
    const functions = [collect, compute, api, ...publishers.map((p) => p.fn), indexer, monitor];
    this.monitoring = new Monitoring(this, 'Monitoring', {
      stage: name,
      topic: alarmTopic.topic,
      stateMachine: this.pipeline.stateMachine,
      deadLetterQueue: this.pipeline.deadLetterQueue,
      functions: functions.map((f) => f.fn),
      httpApi: this.readApi.httpApi,
      pipelineServiceName,
      chains: publishers.map((p) => ({
        chainName: p.chain.name,
        serviceName: p.serviceName,
        minSignerBalanceEth: p.chain.minSignerBalanceEth,
        assets: riskIds(assets).filter((id) =>
          laneIncludes(
            {
              name: p.chain.name,
              ...(p.chain.assets === undefined ? {} : { assets: p.chain.assets }),
              ...(p.chain.pairs === undefined ? {} : { pairs: p.chain.pairs }),
            },
            id,
          ),
        ),
      })),
      // Every asset and configured pair, with its own heartbeat (a pair's defaults to its collateral's).
      assets: riskIds(assets).map((id) => ({
        name: id,
        stalenessThresholdSeconds: riskConfigOf(assets, id)!.heartbeatSeconds + stage.stalenessGraceSeconds,
      })),
      cyclePeriod,
      scheduleEnabled: stage.scheduleEnabled,
      pendingTxAlarmSeconds: stage.pendingTxAlarmSeconds,
      positions: {
        deadLetterQueue: this.positions.deadLetterQueue,
        indexerServiceName: `ballast-${name}-indexer`,
        monitorServiceName: `ballast-${name}-monitor`,
        indexerScheduleEnabled: stage.scheduleEnabled && stage.positions.markets.length > 0,
        lagAlarmBlocks: stage.positions.lagAlarmBlocks,
        markets: stage.positions.markets.map((m) => marketKey(m.chainId, m.address)),
      },
    });

    // The alarm topic is encrypted: the failure path's sns:Publish needs its key (explicit actions).
    alarmTopic.key.grant(this.pipeline.stateMachine, 'kms:Decrypt', 'kms:GenerateDataKey');

    // cdk-nag acknowledgments for what the grants above produce, each naming one finding.
    for (const role of [api.role, ...publishers.map((p) => p.fn.role)]) {
      Validations.of(role).acknowledge({
        id: nagFindingId({ rule: 'AwsSolutions-IAM5', resource: t.publications, suffix: '/index/*' }),
        reason:
          'DynamoDB grants on the publications table include its indexes (/index/*: the byTxHash GSI); scoped to this one table.',
      });
    }
    if (tableKey !== undefined) {
      // The API writes pushed positions and the indexer indexed ones (positions table).
      const writers = [collect, compute, api, indexer, monitor, ...publishers.map((p) => p.fn)];
      for (const role of writers.map((w) => w.role)) {
        for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*']) {
          Validations.of(role).acknowledge({
            id: `AwsSolutions-IAM5[Action::${action}]`,
            reason: `DynamoDB write grants on tables encrypted with the stage's table key add ${action}; scoped to that one key (not the signing key).`,
          });
        }
      }
    }

    new CfnOutput(this, 'ApiUrl', { value: this.readApi.url, description: 'Read API base URL' });
    new CfnOutput(this, 'StateMachineArn', { value: this.pipeline.stateMachine.stateMachineArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
    new CfnOutput(this, 'AlertsTopicArn', {
      value: this.positions.alertsTopic.topicArn,
      description: 'Position alerts (docs/operations.md, "Subscribing to position alerts")',
    });
    new CfnOutput(this, 'PositionsDeadLetterQueueUrl', {
      value: this.positions.deadLetterQueue.queueUrl,
      description: 'Failed indexer runs (docs/operations.md, "Positions dead-letter queue")',
    });
    for (const [keyName, key] of Object.entries(signingKeys)) {
      new CfnOutput(this, `SigningKeyArn-${keyName}`, {
        value: key.key.keyArn,
        description: `Signing key ${keyName}${keyName === stage.activeSigningKey ? ' (active)' : ''} (public key: aws kms get-public-key --key-id <arn>)`,
      });
    }
  }
}
