import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AlertOutboxEntry, AlertStateItem } from './AlertOutboxEntry.js';
import { ALERT_SCOPES } from './alertKeys.js';
import type { DynamoClients } from './createDynamoClients.js';
import type { TableNames } from './tables.js';

export interface CommitAlertTransitionParams {
  /** The state read before (undefined: the position had none, i.e. `ok` with sequence 0). */
  readonly previous: AlertStateItem | undefined;
  readonly next: AlertStateItem;
  /** The alert announcing the change, put in the outbox. */
  readonly entry: AlertOutboxEntry;
}

/** `committed`, or `conflict`: the state was no longer `previous` (another run moved it); nothing written. */
export type CommitAlertTransitionResult = 'committed' | 'conflict';

/**
 * A position's state change and its alert in one transaction (the outbox pattern): the new state,
 * conditional on the sequence read before, and the alert in the outbox, conditional on its id
 * being new. A crash leaves both or neither, so a rerun neither loses nor repeats an alert.
 */
export async function commitAlertTransition(
  { doc }: DynamoClients,
  tables: TableNames,
  { previous, next, entry }: CommitAlertTransitionParams,
): Promise<CommitAlertTransitionResult> {
  const stateCondition =
    previous === undefined
      ? { ConditionExpression: 'attribute_not_exists(#key)', ExpressionAttributeNames: { '#key': 'key' } }
      : {
          ConditionExpression: '#seq = :seq',
          ExpressionAttributeNames: { '#seq': 'seq' },
          ExpressionAttributeValues: { ':seq': previous.seq },
        };
  try {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tables.alerts,
              Item: { scope: ALERT_SCOPES.state, key: next.position, ...next },
              ...stateCondition,
            },
          },
          {
            Put: {
              TableName: tables.alerts,
              Item: { scope: ALERT_SCOPES.outbox, key: entry.id, ...entry },
              ConditionExpression: 'attribute_not_exists(#key)',
              ExpressionAttributeNames: { '#key': 'key' },
            },
          },
        ],
      }),
    );
    return 'committed';
  } catch (error) {
    const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
    if (reasons.some((r) => r.Code === 'ConditionalCheckFailed')) return 'conflict';
    throw error;
  }
}
