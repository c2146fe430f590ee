import { assetsConfigFromEnv } from '../config/assetsConfigFromEnv.js';
import type { RuntimeEnv } from '../config/runtimeEnv.js';
import { createDynamoClients } from '../store/createDynamoClients.js';
import { tableNames } from '../store/tables.js';
import type { ApiContext } from './ApiContext.js';

// Imported (not read from disk) so a bundled Lambda carries it.

/**
 * The API context of a Lambda (or of `ballast api`) from the runtime environment: table prefix,
 * assets config (BALLAST_ASSETS_CONFIG_JSON, else the shipped default), the oracle when both
 * BALLAST_CHAIN_ID and BALLAST_ORACLE_ADDRESS are set, DynamoDB Local when BALLAST_DYNAMODB_ENDPOINT is.
 */
export function createApiContextFromEnv(env: RuntimeEnv): ApiContext {
  const config = assetsConfigFromEnv(env);
  return {
    dynamo: createDynamoClients(
      env.BALLAST_DYNAMODB_ENDPOINT === undefined ? {} : { endpoint: env.BALLAST_DYNAMODB_ENDPOINT },
    ),
    tables: tableNames(env.BALLAST_TABLE_PREFIX),
    config,
    ...(env.BALLAST_CHAIN_ID !== undefined && env.BALLAST_ORACLE_ADDRESS !== undefined
      ? { oracle: { chainId: env.BALLAST_CHAIN_ID, address: env.BALLAST_ORACLE_ADDRESS } }
      : {}),
    now: () => Date.now(),
  };
}
