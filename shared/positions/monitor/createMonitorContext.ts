import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { RuntimeEnv } from '../../config/runtimeEnv.js';
import { createDynamoClients } from '../../store/createDynamoClients.js';
import { tableNames } from '../../store/tables.js';
import type { AlertPublisher, MonitorContext } from './MonitorContext.js';
import { MonitorInputError } from './errors.js';

export interface CreateMonitorContextParams {
  /** The alerts topic (SNS in AWS). @default none */
  readonly topic?: AlertPublisher;
  /** Reads the webhook secret; @default SSM GetParameter with decryption. */
  readonly readSecret?: (name: string) => Promise<string>;
}

async function readSsmSecret(name: string): Promise<string> {
  const { Parameter } = await new SSMClient({}).send(
    new GetParameterCommand({ Name: name, WithDecryption: true }),
  );
  return Parameter?.Value ?? '';
}

/**
 * The monitor's context from the Lambda environment, built once per cold start: the tables, the
 * webhook (URL, and the HMAC secret read from SSM; never logged) when configured, the topic.
 */
export async function createMonitorContext(
  env: RuntimeEnv,
  { topic, readSecret = readSsmSecret }: CreateMonitorContextParams = {},
): Promise<MonitorContext> {
  const url = env.BALLAST_ALERT_WEBHOOK_URL;
  const param = env.BALLAST_ALERT_WEBHOOK_SECRET_PARAM;
  if ((url === undefined) !== (param === undefined))
    throw new MonitorInputError(
      `BALLAST_ALERT_WEBHOOK_URL and BALLAST_ALERT_WEBHOOK_SECRET_PARAM: only ${url === undefined ? 'the secret parameter' : 'the URL'} is set; set both or neither`,
    );
  let webhook: MonitorContext['webhook'];
  if (url !== undefined && param !== undefined) {
    const secret = (await readSecret(param)).trim();
    if (secret.length < 16)
      throw new MonitorInputError(
        `BALLAST_ALERT_WEBHOOK_SECRET_PARAM: the secret in ${param} has ${secret.length} characters; at least 16 are required`,
      );
    webhook = { url, secret };
  }
  return {
    dynamo: createDynamoClients(
      env.BALLAST_DYNAMODB_ENDPOINT === undefined ? {} : { endpoint: env.BALLAST_DYNAMODB_ENDPOINT },
    ),
    tables: tableNames(env.BALLAST_TABLE_PREFIX),
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    ...(webhook === undefined ? {} : { webhook }),
    ...(topic === undefined ? {} : { topic }),
  };
}
