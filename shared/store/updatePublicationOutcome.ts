import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { setExpression } from './setExpression.js';
import type { TransactionOutcome } from './TransactionOutcome.js';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';
import type { Publication } from './Publication.js';

/** Records the outcome of a round's transaction. */
export async function updatePublicationOutcome(
  { doc }: DynamoClients,
  tables: TableNames,
  key: { oracle: string; round: string },
  outcome: Pick<Publication, 'status'> & TransactionOutcome & { now: number },
): Promise<void> {
  const { now, ...fields } = outcome;
  const { sets, names, values } = setExpression(fields, {
    sets: ['updatedAt = :now'],
    names: {},
    values: { ':now': now },
  });
  await doc.send(
    new UpdateCommand({
      TableName: tables.publications,
      Key: { oracle: key.oracle, round: Number(key.round) },
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: 'attribute_exists(oracle)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}
