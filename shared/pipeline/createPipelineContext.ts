import { assetsConfigFromEnv } from '../config/assetsConfigFromEnv.js';
import type { RuntimeEnv } from '../config/runtimeEnv.js';
import { createDynamoClients } from '../store/createDynamoClients.js';
import { tableNames } from '../store/tables.js';
import type { PipelineContext } from './PipelineContext.js';

/** Context of collect and compute: built once per cold start. */
export function createPipelineContext(env: RuntimeEnv): PipelineContext {
  return {
    config: assetsConfigFromEnv(env),
    dynamo: createDynamoClients(
      env.BALLAST_DYNAMODB_ENDPOINT === undefined ? {} : { endpoint: env.BALLAST_DYNAMODB_ENDPOINT },
    ),
    tables: tableNames(env.BALLAST_TABLE_PREFIX),
    ...(env.BALLAST_VENUE_BASE_URL === undefined ? {} : { venueBaseUrl: env.BALLAST_VENUE_BASE_URL }),
    now: Date.now,
  };
}
