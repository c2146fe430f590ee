import { createApiContextFromEnv } from '../../shared/api/createApiContextFromEnv.js';
import { createApiHandler } from '../../shared/api/createApiHandler.js';
import { readRuntimeEnv } from '../../shared/config/runtimeEnv.js';
import { logger } from '../../shared/observability/powertools.js';

/**
 * Read API (API Gateway HTTP API, payload v2, one `$default` proxy route). Thin: routing,
 * validation and responses live in shared/api. The context is built on the first request.
 */
export const handler = createApiHandler({
  context: () => createApiContextFromEnv(readRuntimeEnv()),
  onInternalError: (error, event) =>
    logger.error('read API request failed', { error: error as Error, path: event.rawPath }),
});
