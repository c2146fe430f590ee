import { Rule } from 'aws-cdk-lib/aws-events';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { KEY_CUSTODY_ALARM_EVENTS } from './defaults.js';

export interface KeyCustodyAlarmsProps {
  readonly stage: string;
  /** The signing keys watched (every key of the stage, active or not). */
  readonly keys: readonly IKey[];
  /** The alarm topic. */
  readonly topic: ITopic;
}

/**
 * CloudTrail → EventBridge → the alarm topic: any PutKeyPolicy, ScheduleKeyDeletion, DisableKey or
 * CreateGrant call on a signing key (allowed or denied: a denied attempt is news too) notifies the
 * alarm topic with who called what. CloudTrail delivers management events to EventBridge when the
 * region has a trail logging them (docs/operations.md, "Key custody").
 */
export class KeyCustodyAlarms extends Construct {
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: KeyCustodyAlarmsProps) {
    super(scope, id);
    this.rule = new Rule(this, 'Rule', {
      ruleName: `ballast-${props.stage}-signing-key-changes`,
      description: `Ballast ${props.stage}: key-policy and key-state changes on the signing keys (runbook: docs/operations.md#responding-to-a-key-custody-alarm)`,
      eventPattern: {
        source: ['aws.kms'],
        detailType: ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['kms.amazonaws.com'],
          eventName: [...KEY_CUSTODY_ALARM_EVENTS],
          resources: { ARN: props.keys.map((key) => key.keyArn) },
        },
      },
    });
    this.rule.addTarget(new SnsTopic(props.topic));
  }
}
