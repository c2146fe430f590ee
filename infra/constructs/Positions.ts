import { Validations, type Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Schedule, ScheduleExpression, ScheduleTargetInput, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { POSITIONS_DLQ_RETENTION } from './defaults.js';
import { nagFindingId } from './nagFindingId.js';

export interface PositionsProps {
  readonly stage: string;
  /** The positions indexer function (lambdas/indexer). */
  readonly indexer: IFunction;
  /** Period of the indexer's own schedule. */
  readonly indexerRate: Duration;
  /** The schedule is created disabled when false (no market, or the stage's schedule is off). */
  readonly indexerScheduleEnabled: boolean;
  /** The scheduler drops a start (retries included) later than this. */
  readonly scheduleMaxEventAge: Duration;
}

/**
 * The AWS side of position health (docs/positions.md): the alerts topic the monitor publishes each
 * position alert to (encrypted with its own customer-managed key, TLS only; protocols subscribe to
 * it), the positions dead-letter queue (encrypted, TLS only, kept 14 days: indexer runs that
 * failed, scheduler deliveries that could not start one; position alerts that could not be
 * delivered are dead-lettered by the monitor in its alerts table, redriven by `ballast alerts`), and
 * the indexer's own EventBridge schedule, off the cycle's.
 */
export class Positions extends Construct {
  readonly alertsTopic: Topic;
  readonly alertsKey: Key;
  readonly deadLetterQueue: Queue;
  readonly indexerSchedule: Schedule;

  constructor(scope: Construct, id: string, props: PositionsProps) {
    super(scope, id);
    this.alertsKey = new Key(this, 'AlertsKey', {
      description: `Ballast ${props.stage}: encrypts the position alerts topic`,
      enableKeyRotation: true,
    });
    this.alertsTopic = new Topic(this, 'AlertsTopic', {
      displayName: `Ballast ${props.stage} position alerts`,
      masterKey: this.alertsKey,
      enforceSSL: true,
    });

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: POSITIONS_DLQ_RETENTION,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the indexer schedule and of the indexer function (failed async invocations).',
    });

    // A failed run is not retried by Lambda (the next scheduled run resumes from the cursor); it
    // leaves its event and error in the dead-letter queue.
    props.indexer.configureAsyncInvoke({
      retryAttempts: 0,
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    // The scheduler's own role: invokes the indexer and writes to the dead-letter queue, nothing else.
    const schedulerRole = new Role(this, 'IndexerSchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: `Ballast ${props.stage}: EventBridge Scheduler starts the positions indexer`,
    });
    Validations.of(schedulerRole).acknowledge({
      id: nagFindingId({ rule: 'AwsSolutions-IAM5', resource: props.indexer, suffix: ':*' }),
      reason:
        'The scheduler target grants lambda:InvokeFunction on the indexer and its versions/aliases (ARN:*); scoped to this one function.',
    });
    this.indexerSchedule = new Schedule(this, 'IndexerSchedule', {
      description: `Ballast ${props.stage}: index the position markets every ${props.indexerRate.toMinutes()} min`,
      schedule: ScheduleExpression.rate(props.indexerRate),
      timeWindow: TimeWindow.off(),
      enabled: props.indexerScheduleEnabled,
      target: new LambdaInvoke(props.indexer, {
        role: schedulerRole,
        input: ScheduleTargetInput.fromObject({}),
        deadLetterQueue: this.deadLetterQueue,
        // A missed run is caught up by the next one (every step commits with its cursor).
        retryAttempts: 0,
        maxEventAge: props.scheduleMaxEventAge,
      }),
    });
  }
}
