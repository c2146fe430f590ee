import { getAddress } from 'ethers';
import { FailoverRpc } from '../chain/rpc/FailoverRpc.js';
import { readRpcUrls } from '../chain/rpc/readRpcUrls.js';
import { positionMarketsFromEnv } from '../config/positionMarketsFromEnv.js';
import type { RuntimeEnv } from '../config/runtimeEnv.js';
import { createDynamoClients, type DynamoClients } from '../store/createDynamoClients.js';
import { registerPositionSource } from '../store/registerPositionSource.js';
import { tableNames, type TableNames } from '../store/tables.js';
import type { IndexedMarket } from './indexMarkets.js';
import { marketKey } from './marketKey.js';

export interface IndexerContext {
  readonly markets: readonly IndexedMarket[];
  readonly dynamo: DynamoClients;
  readonly tables: TableNames;
}

/**
 * What the positions indexer Lambda builds once per cold start: the configured markets
 * (`BALLAST_POSITION_MARKETS_JSON`, validated), one failover RPC client per chain (URLs from the
 * chain's SSM SecureString, or BALLAST_RPC_URLS locally), the DynamoDB clients, and each market
 * registered as a position source (its `meta` item: assets and decimals, so health factors and
 * round impacts read its positions; docs/positions.md). Registering is idempotent.
 * @throws ConfigError naming the bad field of the markets config.
 */
export async function createIndexerContext(env: RuntimeEnv): Promise<IndexerContext> {
  const configs = positionMarketsFromEnv(env);
  const dynamo = createDynamoClients(
    env.BALLAST_DYNAMODB_ENDPOINT === undefined ? {} : { endpoint: env.BALLAST_DYNAMODB_ENDPOINT },
  );
  const tables = tableNames(env.BALLAST_TABLE_PREFIX);
  const rpcs = new Map<number, Promise<FailoverRpc>>();
  const rpcOf = (chainId: number, parameterName: string | undefined): Promise<FailoverRpc> => {
    let rpc = rpcs.get(chainId);
    if (rpc === undefined) {
      rpc = readRpcUrls({
        parameterName,
        plain: env.BALLAST_RPC_URLS,
        reader: `the positions indexer (chain ${chainId})`,
      }).then((urls) => new FailoverRpc(urls, chainId));
      rpcs.set(chainId, rpc);
    }
    return rpc;
  };
  const markets: IndexedMarket[] = [];
  for (const config of configs) {
    const rpc = await rpcOf(config.chainId, config.rpcUrlsParameterName);
    await registerPositionSource(dynamo, tables, {
      kind: 'market',
      market: marketKey(config.chainId, config.address),
      chainId: config.chainId,
      address: getAddress(config.address),
      collateralAsset: config.collateralAsset,
      debtAsset: config.debtAsset,
      collateralDecimals: config.collateralDecimals,
      debtDecimals: config.debtDecimals,
      startBlock: config.startBlock,
    });
    markets.push({ config, withProvider: (call) => rpc.call(call) });
  }
  return { markets, dynamo, tables };
}
