import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, UrlSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  readonly stage: string;
  /** E-mail addresses subscribed to the topic (each recipient confirms the subscription mail). */
  readonly emails: readonly string[];
  /** HTTPS endpoints subscribed to the topic (each confirms by visiting the SubscribeURL it receives). */
  readonly httpsEndpoints: readonly string[];
}

/**
 * The alarm topic: encrypted with a customer-managed key that CloudWatch (alarms) and EventBridge
 * (key-custody events) may use, TLS only, with the stage config's e-mail and HTTPS subscriptions.
 */
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
    // EventBridge rules (KeyCustodyAlarms) publish to it too.
    topicKey.grant(new ServicePrincipal('events.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Topic', {
      displayName: `Ballast ${props.stage} alarms`,
      masterKey: topicKey,
      enforceSSL: true,
    });
    for (const email of props.emails) this.topic.addSubscription(new EmailSubscription(email));
    for (const url of props.httpsEndpoints)
      this.topic.addSubscription(new UrlSubscription(url, { protocol: SubscriptionProtocol.HTTPS }));
  }
}
