import type { Command } from 'commander';
import { InputError } from '../../errors/BallastError.js';
import { findRunningStack } from '../../localstack/stackProcess.js';
import { StackNotRunningError } from '../../localstack/errors.js';
import { explainRecord } from '../../risk/explainRecord.js';
import { createDynamoClients } from '../../store/createDynamoClients.js';
import { getLatestRiskRecord } from '../../store/getLatestRiskRecord.js';
import { getPublication } from '../../store/getPublication.js';
import { oracleKey } from '../../store/oracleKey.js';
import { formatRoundImpact } from '../formatRoundImpact.js';
import { tableNames } from '../../store/tables.js';

export function registerExplainCommand(program: Command): void {
  program
    .command('explain')
    .description(
      "explain an asset's latest parameters on the local stack: which term dominated, which limit bit",
    )
    .argument('<asset>', 'asset symbol, e.g. BTC, or a pair C/D, e.g. ETH/BTC (any case)')
    .option('--local', 'read the running local stack (the default: explain reads nothing else yet)')
    .action(async (assetArgument: string) => {
      const state = findRunningStack();
      if (state === undefined) {
        throw new StackNotRunningError('explain reads the local stack, and none is running', {
          fix: 'run `npx ballast run --local --keep` first',
        });
      }
      const asset = assetArgument.trim().toUpperCase();
      const dynamo = createDynamoClients({ endpoint: state.dynamodb.endpoint });
      try {
        const stored = await getLatestRiskRecord(dynamo, tableNames(state.dynamodb.tablePrefix), asset);
        if (stored === undefined)
          throw new InputError(`explain: no record for asset "${asset}" on the local stack`);
        console.log(explainRecord(stored.record));
        if (stored.round !== undefined) {
          console.log(`published in round ${stored.round} (tx ${stored.txHash ?? 'unknown'})`);
          const { impact } = await getPublication(
            dynamo,
            tableNames(state.dynamodb.tablePrefix),
            oracleKey(state.anvil.chainId, state.oracle.address),
            stored.round,
          );
          if (impact !== undefined) console.log(formatRoundImpact(impact, stored.round).join('\n'));
        }
      } finally {
        dynamo.client.destroy();
      }
    });
}
