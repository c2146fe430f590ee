import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MarketPosition } from './MarketPosition.js';

/** Every position of `market`, by account. Strongly consistent. */
export async function listMarketPositions(
  doc: DynamoDBDocumentClient,
  tableName: string,
  market: string,
): Promise<MarketPosition[]> {
  const positions: MarketPosition[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'market = :market AND begins_with(#key, :pos)',
        ExpressionAttributeNames: { '#key': 'key' },
        ExpressionAttributeValues: { ':market': market, ':pos': 'pos#' },
        ConsistentRead: true,
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
      }),
    );
    for (const item of page.Items ?? []) {
      positions.push({
        account: item.account as string,
        collateral: item.collateral as string,
        debt: item.debt as string,
        block: item.block as number,
        logIndex: item.logIndex as number,
        txHash: item.txHash as string,
      });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return positions;
}
