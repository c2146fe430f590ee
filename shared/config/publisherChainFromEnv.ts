import { ConfigError } from './errors.js';
import { chainConfigSchema, type ChainConfig } from './chainConfig.js';
import type { RuntimeEnv } from './runtimeEnv.js';
import { zodIssuesToProblems } from './zodIssuesToProblems.js';

/** What one publisher lane needs of its chain's config (the RPC URLs are resolved separately). */
export type PublisherChain = Pick<ChainConfig, 'name' | 'chainId' | 'oracleAddress'> &
  Partial<Pick<ChainConfig, 'confirmations' | 'feePolicy' | 'assets' | 'pairs' | 'rpcUrlsParameterName'>>;

/**
 * The publisher's chain from its environment: `BALLAST_CHAIN_CONFIG_JSON` (one validated entry of
 * the stage's chain list), or, for the single-chain environment that predates chain lists,
 * `BALLAST_CHAIN_ID` + `BALLAST_ORACLE_ADDRESS` as a one-element list named `chain-<id>`.
 * Undefined when neither is set. When both are set they must name the same chain and contract.
 * @throws ConfigError naming the field, the value and what is allowed.
 */
export function publisherChainFromEnv(env: RuntimeEnv): PublisherChain | undefined {
  const legacy =
    env.BALLAST_CHAIN_ID === undefined || env.BALLAST_ORACLE_ADDRESS === undefined
      ? undefined
      : {
          name: `chain-${env.BALLAST_CHAIN_ID}`,
          chainId: env.BALLAST_CHAIN_ID,
          oracleAddress: env.BALLAST_ORACLE_ADDRESS,
        };
  if (env.BALLAST_CHAIN_CONFIG_JSON === undefined) return legacy;
  const source = 'BALLAST_CHAIN_CONFIG_JSON';
  let raw: unknown;
  try {
    raw = JSON.parse(env.BALLAST_CHAIN_CONFIG_JSON);
  } catch (error) {
    throw new ConfigError(source, [{ path: '', message: `not valid JSON (${(error as Error).message})` }], {
      cause: error,
    });
  }
  const parsed = chainConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(source, zodIssuesToProblems(parsed.error.issues));
  const chain = parsed.data;
  if (legacy !== undefined && legacy.chainId !== chain.chainId)
    throw new ConfigError(source, [
      {
        path: 'chainId',
        message: `${chain.chainId} differs from BALLAST_CHAIN_ID=${legacy.chainId}; set both to the same chain or unset BALLAST_CHAIN_ID`,
      },
    ]);
  if (legacy !== undefined && legacy.oracleAddress.toLowerCase() !== chain.oracleAddress.toLowerCase())
    throw new ConfigError(source, [
      {
        path: 'oracleAddress',
        message: `${chain.oracleAddress} differs from BALLAST_ORACLE_ADDRESS=${legacy.oracleAddress}; set both to the same contract or unset BALLAST_ORACLE_ADDRESS`,
      },
    ]);
  return chain;
}
