import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { AlertMessage } from '../store/AlertMessage.js';
import type { AlertPublisher } from './monitor/MonitorContext.js';

export interface CreateSnsAlertPublisherParams {
  /** The alerts topic (the stack's `Positions/AlertsTopic`). */
  readonly topicArn: string;
  /** An SNS stand-in on 127.0.0.1 (tests); absent in AWS. */
  readonly endpoint?: string | undefined;
  /** @default process.env.AWS_REGION, else the topic ARN's region */
  readonly region?: string;
}

/**
 * The monitor's topic channel in AWS (shared/positions/monitor/MonitorContext.ts, AlertPublisher):
 * each alert is one SNS message whose body is the alert's JSON, exactly what the webhook receives
 * (docs/positions.md, "Alerts"), with message attributes `type`, `state`, `previousState` and
 * `position` so a subscription can filter (e.g. only `liquidatable`). A refused or failed publish
 * throws: the monitor retries it with backoff, then dead-letters it. Receivers deduplicate on the
 * alert's `id`.
 */
export function createSnsAlertPublisher({
  topicArn,
  endpoint,
  region,
}: CreateSnsAlertPublisherParams): AlertPublisher {
  const client = new SNSClient({
    region: region ?? process.env.AWS_REGION ?? topicArn.split(':')[3] ?? 'us-east-1',
    ...(endpoint === undefined
      ? {}
      : { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 }),
  });
  const text = (value: string) => ({ DataType: 'String', StringValue: value });
  return {
    publish: async (alert: AlertMessage) => {
      await client.send(
        new PublishCommand({
          TopicArn: topicArn,
          Subject: `Ballast position alert: ${alert.state}`,
          Message: JSON.stringify(alert),
          MessageAttributes: {
            type: text(alert.type),
            state: text(alert.state),
            previousState: text(alert.previousState),
            position: text(alert.position),
          },
        }),
      );
    },
  };
}
