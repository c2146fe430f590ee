import type { Command } from 'commander';
import { addStoreOptions } from '../options/addStoreOptions.js';
import { createApiHandler } from '../../api/createApiHandler.js';
import { OPENAPI_DOCUMENT } from '../../api/openapiDocument.js';
import { resolveApiContext, type StoreOptions } from '../resolveApiContext.js';
import { startLocalApiServer } from '../startLocalApiServer.js';
import { parseInteger } from '../options/parseInteger.js';
import { loadAssetsConfigFile } from '../loadAssetsConfigFile.js';

interface ApiOptions extends StoreOptions {
  readonly port?: string;
  readonly config?: string;
  readonly oracle?: string;
  readonly chainId?: string;
  readonly openapi?: boolean;
}

/** `ballast api --local [--port N]`: the read API's Lambda handler over HTTP on 127.0.0.1, until Ctrl-C. */
export function registerApiCommand(program: Command): void {
  addStoreOptions(
    program
      .command('api')
      .description(
        'serve the read API (the same Lambda handler) over HTTP on 127.0.0.1 for curl and dashboards',
      )
      .option('--port <port>', 'TCP port on 127.0.0.1 (default: a free one)')
      .option(
        '--oracle <address>',
        'RiskOracle address whose rounds /v1/rounds serves (default: the stack’s)',
      )
      .option('--chain-id <id>', 'chain id of the oracle (default: the stack’s)')
      .option('--openapi', 'print the OpenAPI 3.1 document (docs/api/openapi.json) and exit'),
  ).action(async (options: ApiOptions) => {
    if (options.openapi === true) {
      process.stdout.write(`${JSON.stringify(OPENAPI_DOCUMENT, null, 2)}\n`);
      return;
    }
    const port =
      options.port === undefined ? 0 : parseInteger('--port', options.port, { min: 1, max: 65_535 });
    const { context } = resolveApiContext(options, loadAssetsConfigFile(options.config));
    const server = await startLocalApiServer({ handler: createApiHandler({ context }), port });
    console.log(
      `read API on ${server.url}  (tables ${context.tables.parameters.replace(/-parameters$/, '')}-*)`,
    );
    console.log(`  curl ${server.url}/v1/assets`);
    console.log(`  curl ${server.url}/v1/health`);
    console.log(`  curl '${server.url}/v1/assets/BTC/parameters?limit=10'`);
    console.log('stop with Ctrl-C');
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await server.close();
  });
}
