import type { Command } from 'commander';

/** Adds the flags resolveApiContext reads (and --config) to a governance command. */
export function addStoreOptions(command: Command): Command {
  return command
    .option(
      '--local',
      'read the running local stack (.ballast/stack.json): DynamoDB Local, anvil, the oracle',
    )
    .option('--endpoint <url>', 'DynamoDB endpoint (DynamoDB Local)')
    .option(
      '--table-prefix <prefix>',
      'table name prefix (default: the stack’s, else $BALLAST_TABLE_PREFIX, else "ballast")',
    )
    .option('--region <region>', 'AWS region of the tables')
    .option('--config <file>', 'assets config file (default: the shipped one)');
}
