import { assetsConfigFromEnv } from '../config/assetsConfigFromEnv.js';
import type { RuntimeEnv } from '../config/runtimeEnv.js';
import { createDynamoClients } from '../store/createDynamoClients.js';
import { tableNames } from '../store/tables.js';
import type { ApiContext } from './ApiContext.js';
import { readChainsFromEnv } from './readChainsFromEnv.js';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { positionKeyHashes, type PositionKeyHashes } from './positionKeyHashes.js';

/** The key hashes from an SSM SecureString, read on first use and kept for the process's life. */
function loadPositionKeysOnce(name: string): () => Promise<PositionKeyHashes> {
  let loaded: Promise<PositionKeyHashes> | undefined;
  return () =>
    (loaded ??= new SSMClient({})
      .send(new GetParameterCommand({ Name: name, WithDecryption: true }))
      .then(({ Parameter }) => positionKeyHashes(Parameter?.Value ?? '', `SSM parameter ${name}`))
      .catch((error: unknown) => {
        loaded = undefined; // a failed read is retried on the next request
        throw error;
      }));
}

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
    ...(env.BALLAST_CHAINS_JSON === undefined ? {} : { chains: readChainsFromEnv(env.BALLAST_CHAINS_JSON) }),
    ...(env.BALLAST_POSITION_KEYS_PARAM === undefined
      ? {}
      : { positionKeys: loadPositionKeysOnce(env.BALLAST_POSITION_KEYS_PARAM) }),
    now: () => Date.now(),
  };
}
