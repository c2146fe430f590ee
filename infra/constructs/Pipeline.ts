import { ArnFormat, Duration, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression, ScheduleTargetInput, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import {
  Choice,
  Condition,
  DefinitionBody,
  DistributedMap,
  Errors,
  Fail,
  JsonPath,
  LogLevel,
  Map as MapState,
  Parallel,
  Pass,
  Result,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
  type IChainable,
  type INextable,
  type State,
} from 'aws-cdk-lib/aws-stepfunctions';
import { CallAwsService, LambdaInvoke, SnsPublish } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { nagFindingId } from './nagFindingId.js';

/** Lambda errors worth retrying: throttles, Lambda service faults and task timeouts. */
export const RETRYABLE_LAMBDA_ERRORS = [
  'Lambda.TooManyRequestsException',
  'Lambda.ServiceException',
  Errors.TIMEOUT,
];

export interface PipelinePublisher {
  /** Chain name (construct ids, state names). */
  readonly chainName: string;
  readonly fn: IFunction;
}

export interface PipelineProps {
  readonly stage: string;
  readonly collect: IFunction;
  readonly compute: IFunction;
  /**
   * The position monitor (lambdas/monitor), run after every chain's publish with the cycle's records;
   * its failure is notified and never fails the cycle. @default no monitor step
   */
  readonly monitor?: IFunction;
  /** The monitor task's timeout (States.Timeout, not retried); above the function's own. @default taskTimeout */
  readonly monitorTaskTimeout?: Duration;
  /** One publisher per chain; each runs in its own branch after every asset is computed. */
  readonly publishers: readonly PipelinePublisher[];
  /** Asset names in config order: the scheduler's input `{ "assets": [...] }`. */
  readonly assetNames: readonly string[];
  /** Use a Distributed Map when `assetNames.length` exceeds this. */
  readonly distributedMapThreshold: number;
  readonly mapMaxConcurrency: number;
  /** Collect and compute task timeout (States.Timeout, retried); above the functions' own timeout. */
  readonly taskTimeout: Duration;
  readonly cyclePeriod: Duration;
  /** An execution running longer than this fails (ExecutionsTimedOut alarms); below the period. */
  readonly workflowTimeout: Duration;
  /** The scheduler drops a start (retries included) later than this. */
  readonly scheduleMaxEventAge: Duration;
  readonly scheduleEnabled: boolean;
  /** Failure notifications (the alarm topic). */
  readonly notificationTopic: ITopic;
  readonly logRetention: RetentionDays;
}

/**
 * The cycle: EventBridge Scheduler (fixed rate, no flexible window) starts a Standard workflow that
 * maps over the assets (collect → compute per asset; Distributed Map above a threshold), runs the
 * cross-asset step (pairs and correlations, docs/cross-asset.md), then publishes once per chain
 * with all records (assets and pairs), then runs the position monitor (health and alerts,
 * docs/positions.md). Every failure ends in a notification and a Fail state, except the monitor's,
 * which is notified and never fails the cycle.
 */
export class Pipeline extends Construct {
  readonly stateMachine: StateMachine;
  readonly schedule: Schedule;
  /** Scheduler deliveries that could not start the workflow. */
  readonly deadLetterQueue: Queue;
  readonly usesDistributedMap: boolean;

  constructor(scope: Construct, id: string, props: PipelineProps) {
    super(scope, id);

    // Failure path: record what failed where (SNS, the alarm topic), then fail the execution so
    // the ExecutionsFailed alarm fires too.
    const failed = new Fail(this, 'CycleFailed', {
      error: 'BallastCycleFailed',
      cause: 'A stage of the cycle failed; see the notification and the execution history.',
    });
    const notifyFailure = new SnsPublish(this, 'NotifyFailure', {
      topic: props.notificationTopic,
      subject: `Ballast ${props.stage}: cycle failed`,
      message: TaskInput.fromObject({
        stage: props.stage,
        execution: JsonPath.stringAt('$$.Execution.Id'),
        startedAt: JsonPath.stringAt('$$.Execution.StartTime'),
        error: JsonPath.stringAt('$.error.Error'),
        cause: JsonPath.stringAt('$.error.Cause'),
      }),
      resultPath: JsonPath.DISCARD,
    });
    notifyFailure.addCatch(failed, { resultPath: JsonPath.DISCARD });
    notifyFailure.next(failed);

    // Per asset: collect → compute, each task getting the previous output as is (docs/architecture.md, "Stage contract").
    // payloadResponseOnly: the task's output is the function's result, not the Invoke envelope.
    const collect = new LambdaInvoke(this, 'Collect', {
      lambdaFunction: props.collect,
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      taskTimeout: Timeout.duration(props.taskTimeout),
    });
    const compute = new LambdaInvoke(this, 'Compute', {
      lambdaFunction: props.compute,
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      taskTimeout: Timeout.duration(props.taskTimeout),
    });
    for (const task of [collect, compute]) {
      task.addRetry({
        errors: RETRYABLE_LAMBDA_ERRORS,
        interval: Duration.seconds(2),
        backoffRate: 2,
        maxAttempts: 3,
      });
    }
    const perAsset = collect.next(compute);

    // The item selector runs in the parent execution, so `$$.Execution.StartTime` is the cycle's
    // start even inside a Distributed Map's child executions.
    const itemSelector = {
      asset: JsonPath.stringAt('$$.Map.Item.Value'),
      startedAt: JsonPath.stringAt('$$.Execution.StartTime'),
    };
    this.usesDistributedMap = props.assetNames.length > props.distributedMapThreshold;
    const assets = this.usesDistributedMap
      ? new DistributedMap(this, 'Assets', {
          comment: `collect → compute per asset (Distributed Map: more than ${props.distributedMapThreshold} assets)`,
          itemsPath: '$.assets',
          itemSelector,
          maxConcurrency: props.mapMaxConcurrency,
          mapExecutionType: StateMachineType.EXPRESS,
          resultPath: '$.computed',
        })
      : new MapState(this, 'Assets', {
          comment: 'collect → compute per asset',
          itemsPath: '$.assets',
          itemSelector,
          maxConcurrency: props.mapMaxConcurrency,
          resultPath: '$.computed',
        });
    // A DistributedMap sets the DISTRIBUTED mode and the child execution type (`mapExecutionType`) itself.
    assets.itemProcessor(perAsset);
    assets.addCatch(notifyFailure, { resultPath: '$.error' });

    // Cross-asset step (docs/cross-asset.md): the pairs from their legs' snapshots and the cycle's
    // correlations, run by the compute function on the assets' records. Its failure never holds
    // back the assets: it is notified, and the assets' records are published without the pairs.
    const crossAsset = new LambdaInvoke(this, 'CrossAsset', {
      comment: 'pairs from their legs, and the correlations of the cycle',
      lambdaFunction: props.compute,
      payload: TaskInput.fromObject({
        startedAt: JsonPath.stringAt('$$.Execution.StartTime'),
        records: JsonPath.listAt('$.computed'),
      }),
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      taskTimeout: Timeout.duration(props.taskTimeout),
      resultPath: '$.cycle',
    });
    crossAsset.addRetry({
      errors: RETRYABLE_LAMBDA_ERRORS,
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 3,
    });
    const assetsOnly = new Pass(this, 'AssetsOnly', {
      comment: 'publish the assets without the pairs',
      parameters: { 'records.$': '$.computed' },
      resultPath: '$.cycle',
    });
    const notifyCrossAsset = new SnsPublish(this, 'NotifyCrossAssetFailure', {
      topic: props.notificationTopic,
      subject: `Ballast ${props.stage}: cross-asset step failed (assets still published)`,
      message: TaskInput.fromObject({
        stage: props.stage,
        execution: JsonPath.stringAt('$$.Execution.Id'),
        error: JsonPath.stringAt('$.crossAssetError.Error'),
        cause: JsonPath.stringAt('$.crossAssetError.Cause'),
      }),
      resultPath: JsonPath.DISCARD,
    });
    notifyCrossAsset.addCatch(assetsOnly, { resultPath: JsonPath.DISCARD });
    notifyCrossAsset.next(assetsOnly);
    crossAsset.addCatch(notifyCrossAsset, { resultPath: '$.crossAssetError' });

    // Publish: one branch per chain (docs/multi-chain.md), each with every record. A branch never
    // fails: a publisher that throws or answers `status: "failed"` ends its own branch as
    // `{ chain, status: "failed" }`, so one chain's trouble never stops another chain's branch.
    // Once every branch is done, any failed chain notifies and fails the cycle (its ledger retries
    // next cycle; the alarm fires now).
    const publishAll = new Parallel(this, 'Publish', {
      comment: 'publish the cycle to every chain',
      resultPath: '$.chains',
    });
    for (const publisher of props.publishers) {
      publishAll.branch(this.publishBranch(publisher));
    }
    publishAll.addCatch(notifyFailure, { resultPath: '$.error' });
    const chainFailed = new Pass(this, 'ChainFailed', {
      comment: 'name the chains that failed for the notification',
      parameters: {
        Error: 'PublishFailed',
        'Cause.$':
          "States.Format('publishing failed on at least one chain: {}', States.JsonToString($.chains))",
      },
      resultPath: '$.error',
    }).next(notifyFailure);
    const chainsOutcome = new Choice(this, 'ChainsOutcome')
      .when(
        Condition.or(
          ...props.publishers.map((_, i) => Condition.stringEquals(`$.chains[${i}].status`, 'failed')),
          // Condition.or needs two operands; with one chain the same test twice.
          ...(props.publishers.length === 1 ? [Condition.stringEquals('$.chains[0].status', 'failed')] : []),
        ),
        chainFailed,
      )
      .otherwise(new Succeed(this, 'CycleDone'));
    if (props.monitor === undefined) publishAll.next(chainsOutcome);
    else publishAll.next(this.monitorStep(props, props.monitor, chainsOutcome));
    assetsOnly.next(publishAll);

    // One cycle at a time: the first state lists the machine's running executions; if another one
    // is running (the previous cycle overran, or someone started one by hand), this one ends at once
    // as `skipped`, before collecting anything. The workflow timeout (below the schedule period)
    // bounds how long any cycle can block the next.
    const stateMachineName = `ballast-${props.stage}-cycle`;
    const checkOverlap = new CallAwsService(this, 'CheckOverlap', {
      comment: 'is another cycle still running?',
      service: 'sfn',
      action: 'listExecutions',
      parameters: {
        StateMachineArn: JsonPath.stringAt('$$.StateMachine.Id'),
        StatusFilter: 'RUNNING',
        MaxResults: 2,
      },
      iamAction: 'states:ListExecutions',
      // The machine's own ARN, built from its fixed name (a reference to it would be circular).
      iamResources: [
        Stack.of(this).formatArn({
          service: 'states',
          resource: 'stateMachine',
          resourceName: stateMachineName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      resultSelector: { running: JsonPath.arrayLength(JsonPath.listAt('$.Executions')) },
      resultPath: '$.overlap',
    });
    checkOverlap.addRetry({ errors: ['States.ALL'], interval: Duration.seconds(2), maxAttempts: 2 });
    checkOverlap.addCatch(notifyFailure, { resultPath: '$.error' });
    const skipped = new Pass(this, 'SkippedOverlap', {
      comment: 'another cycle is running: this one does nothing',
      result: Result.fromObject({
        status: 'skipped',
        reason: 'another cycle of this workflow is still running',
      }),
    }).next(new Succeed(this, 'CycleSkipped'));
    const definition: IChainable = checkOverlap.next(
      new Choice(this, 'OverlapOutcome')
        .when(Condition.numberGreaterThan('$.overlap.running', 1), skipped)
        .otherwise(assets.next(crossAsset).next(publishAll)),
    );

    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(definition),
      timeout: props.workflowTimeout,
      tracingEnabled: true,
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
      comment: `Ballast ${props.stage}: collect → compute per asset, pairs and correlations, then publish${props.monitor === undefined ? '' : ', then the position monitor'}`,
    });

    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Step Functions logging (logs:*LogDelivery, PutResourcePolicy, Describe*) and X-Ray tracing require Resource * (no resource-level permissions).',
    });
    const invoked = [props.collect, props.compute, ...props.publishers.map((p) => p.fn)];
    for (const fn of props.monitor === undefined ? invoked : [...invoked, props.monitor]) {
      Validations.of(this.stateMachine.role).acknowledge({
        id: nagFindingId({ rule: 'AwsSolutions-IAM5', resource: fn, suffix: ':*' }),
        reason: `LambdaInvoke grants ${fn.node.id} and its versions/aliases (ARN:*); scoped to this one function.`,
      });
    }

    if (this.usesDistributedMap) {
      // The Distributed Map's policy lets the workflow describe/stop its own child executions,
      // whose ARNs are only known at run time: `execution:<name>:*` and `execution:<name>/*:*`.
      const cfn = this.stateMachine.node.defaultChild as CfnElement;
      const name = `{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${Stack.of(cfn).getLogicalId(cfn)}"}]}]}`;
      for (const suffix of [':*', '/*:*']) {
        Validations.of(this.stateMachine).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${name}${suffix}]`,
          reason: `Distributed Map: the workflow manages its own child executions (execution:<this state machine>${suffix}), named at run time.`,
        });
      }
    }

    this.deadLetterQueue = new Queue(this, 'ScheduleDlq', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the EventBridge Scheduler target.',
    });

    this.schedule = new Schedule(this, 'Schedule', {
      description: `Ballast ${props.stage}: start a cycle every ${props.cyclePeriod.toMinutes()} min`,
      schedule: ScheduleExpression.rate(props.cyclePeriod),
      timeWindow: TimeWindow.off(),
      enabled: props.scheduleEnabled,
      target: new StepFunctionsStartExecution(this.stateMachine, {
        input: ScheduleTargetInput.fromObject({ assets: props.assetNames }),
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 2,
        // A late start could overlap the next cycle: drop it (the workflow timeout counts on this).
        maxEventAge: props.scheduleMaxEventAge,
      }),
    });
  }

  /**
   * Monitor, after every chain's publish (docs/positions.md, "Alerts"): the positions' health and
   * alerts for the cycle's records, whatever each chain's outcome (the monitor reads the LTs that
   * are on-chain). Its result goes to `$.monitor`, so `$.chains` still decides the cycle's outcome.
   * A failure (after Lambda service retries) is notified and the cycle goes on: the monitor's
   * outbox delivers anything undelivered next cycle.
   */
  private monitorStep(props: PipelineProps, monitor: IFunction, next: State): State & INextable {
    const task = new LambdaInvoke(this, 'Monitor', {
      comment: 'position health and alerts for the cycle',
      lambdaFunction: monitor,
      payload: TaskInput.fromObject({
        startedAt: JsonPath.stringAt('$$.Execution.StartTime'),
        records: JsonPath.listAt('$.cycle.records'),
      }),
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      taskTimeout: Timeout.duration(props.monitorTaskTimeout ?? props.taskTimeout),
      resultPath: '$.monitor',
    });
    task.addRetry({
      errors: ['Lambda.TooManyRequestsException', 'Lambda.ServiceException'],
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 2,
    });
    const notify = new SnsPublish(this, 'NotifyMonitorFailure', {
      topic: props.notificationTopic,
      subject: `Ballast ${props.stage}: position monitor failed (the cycle's rounds are unaffected)`,
      message: TaskInput.fromObject({
        stage: props.stage,
        execution: JsonPath.stringAt('$$.Execution.Id'),
        error: JsonPath.stringAt('$.monitorError.Error'),
        cause: JsonPath.stringAt('$.monitorError.Cause'),
      }),
      resultPath: JsonPath.DISCARD,
    });
    notify.addCatch(next, { resultPath: JsonPath.DISCARD });
    notify.next(next);
    task.addCatch(notify, { resultPath: '$.monitorError' });
    task.next(next);
    return task;
  }

  private publishBranch(publisher: PipelinePublisher): State & INextable {
    const publish = new LambdaInvoke(this, `PublishTo-${publisher.chainName}`, {
      lambdaFunction: publisher.fn,
      payload: TaskInput.fromObject({
        startedAt: JsonPath.stringAt('$$.Execution.StartTime'),
        records: JsonPath.listAt('$.cycle.records'),
      }),
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
    });
    // Not on States.Timeout: a timed-out publish may have broadcast; the ledger resolves it next cycle.
    publish.addRetry({
      errors: ['Lambda.TooManyRequestsException', 'Lambda.ServiceException'],
      interval: Duration.seconds(5),
      backoffRate: 2,
      maxAttempts: 2,
    });
    const failedAs = (id: string, fields: Record<string, unknown>): Pass =>
      new Pass(this, `${id}-${publisher.chainName}`, {
        parameters: { chain: publisher.chainName, status: 'failed', ...fields },
      });
    // A thrown error (RPC down, KMS refused, timeout) ends this chain's branch only.
    publish.addCatch(failedAs('PublishError', { 'error.$': '$.error.Error', 'cause.$': '$.error.Cause' }), {
      resultPath: '$.error',
    });
    const outcome = new Choice(this, `PublishOutcome-${publisher.chainName}`)
      .when(
        Condition.stringEquals('$.status', 'failed'),
        failedAs('PublishFailed', {
          reason: `the ${publisher.chainName} publisher reported status "failed"`,
        }),
      )
      .otherwise(
        new Pass(this, `Published-${publisher.chainName}`, {
          parameters: { chain: publisher.chainName, 'status.$': '$.status' },
        }),
      );
    publish.next(outcome);
    return publish;
  }
}
