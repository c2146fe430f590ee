import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  readonly stage: string;
  /** Subscribed by email when given (confirm the subscription mail). */
  readonly alarmEmail?: string;
}

/** The alarm topic: encrypted with a customer-managed key CloudWatch may use, TLS only. */
export class AlarmTopic extends Construct {
  readonly topic: Topic;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    const topicKey = (this.key = new Key(this, 'Key', {
      description: `Ballast ${props.stage}: encrypts the alarm topic`,
      enableKeyRotation: true,
    }));
    // CloudWatch alarms publish to an encrypted topic only if they may use its key (documented form).
    topicKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Topic', {
      displayName: `Ballast ${props.stage} alarms`,
      masterKey: topicKey,
      enforceSSL: true,
    });
    if (props.alarmEmail !== undefined) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
  }
}
