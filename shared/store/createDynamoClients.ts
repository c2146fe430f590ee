import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface CreateDynamoClientsParams {
  /** Local endpoint (DynamoDB Local); omit in AWS. */
  readonly endpoint?: string;
  /** @default process.env.AWS_REGION ?? 'us-east-1' */
  readonly region?: string;
}

export interface DynamoClients {
  readonly client: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
}

/** The low-level and document clients. Local endpoints get fixed dummy credentials. */
export function createDynamoClients({ endpoint, region }: CreateDynamoClientsParams = {}): DynamoClients {
  const client = new DynamoDBClient({
    region: region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(endpoint === undefined
      ? {}
      : { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 3 }),
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
  return { client, doc };
}
