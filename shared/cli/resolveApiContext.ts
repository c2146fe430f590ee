import type { AssetsConfig } from '../config/assetsConfig.js';
import { InputError } from '../errors/BallastError.js';
import { readStackState } from '../localstack/stackState.js';
import { localChains } from './options/localChains.js';
import { selectLocalChain } from './options/selectLocalChain.js';
import { createDynamoClients } from '../store/createDynamoClients.js';
import { tableNames } from '../store/tables.js';
import type { ApiContext, ReadChain } from '../api/ApiContext.js';

/** CLI options shared by `ballast api|history|diff|report|verify|export-bundle`. */
export interface StoreOptions {
  /** Use the running local stack (`.ballast/stack.json`): DynamoDB Local, its table prefix, anvil and the oracle. */
  readonly local?: boolean;
  /** DynamoDB endpoint (DynamoDB Local); overrides the stack's. */
  readonly endpoint?: string;
  /** @default the stack's prefix with --local, else BALLAST_TABLE_PREFIX, else "ballast" */
  readonly tablePrefix?: string;
  readonly region?: string;
  /** RiskOracle address and chain id, for rounds; default from the stack with --local, else BALLAST_ORACLE_ADDRESS / BALLAST_CHAIN_ID. */
  readonly oracle?: string;
  readonly chainId?: string;
  /** RPC URL; default the stack's anvil with --local. */
  readonly rpc?: string;
}

export interface ResolvedApiContext {
  readonly context: ApiContext;
  /**
   * The chains the command reads: every chain of the stack, or the one `--chain-id` (or an
   * explicit `--oracle`) names, or the one of the environment; with the RPC URL of each when known.
   */
  readonly chains: readonly ReadChain[];
  /** An RPC URL when one is known (flag, or the local stack's anvil). */
  readonly rpcUrl: string | undefined;
}

function checkUrl(flag: string, value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new InputError(`${flag}: "${value}" is not an http(s) URL; expected e.g. http://127.0.0.1:8000`);
  }
  return value;
}

/**
 * Builds the read context a governance command works on from its flags, the local stack state
 * (with --local) and the environment, in that order of precedence. Bad flags are InputErrors
 * naming the flag, the value and what is allowed.
 */
export function resolveApiContext(
  options: StoreOptions,
  config: AssetsConfig,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedApiContext {
  const stack = options.local === true ? readStackState() : undefined;
  const endpoint =
    options.endpoint === undefined ? stack?.dynamodb.endpoint : checkUrl('--endpoint', options.endpoint);
  const prefix = options.tablePrefix ?? stack?.dynamodb.tablePrefix ?? env.BALLAST_TABLE_PREFIX ?? 'ballast';
  if (!/^[A-Za-z0-9_.-]{1,200}$/.test(prefix)) {
    throw new InputError(
      `--table-prefix: "${prefix}" is not allowed; expected 1–200 letters, digits, "_", "." or "-"`,
    );
  }
  if (options.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(options.region)) {
    throw new InputError(`--region: "${options.region}" is not an AWS region name; expected e.g. us-east-1`);
  }
  // A multi-chain stack (docs/multi-chain.md): --chain-id picks the chain, its oracle and its RPC.
  // With an explicit --oracle the chain id is the auditor's, checked by verify rather than here.
  const localChain =
    stack === undefined
      ? undefined
      : selectLocalChain(
          stack,
          '--chain-id',
          options.oracle !== undefined &&
            !(stack.chains ?? []).some((c) => String(c.chainId) === options.chainId)
            ? undefined
            : options.chainId,
        );
  const address = options.oracle ?? localChain?.oracleAddress ?? env.BALLAST_ORACLE_ADDRESS;
  if (address !== undefined && !/^0x[0-9a-fA-F]{40}$/.test(address)) {
    throw new InputError(`--oracle: "${address}" is not an address; expected 0x followed by 40 hex digits`);
  }
  // A chain of the stack may be named (local-31338): its id is the stack's.
  const chainText =
    localChain !== undefined && options.oracle === undefined
      ? String(localChain.chainId)
      : (options.chainId ?? (localChain === undefined ? env.BALLAST_CHAIN_ID : String(localChain.chainId)));
  const chainId = chainText === undefined ? undefined : Number(chainText);
  if (chainId !== undefined && !(Number.isSafeInteger(chainId) && chainId > 0)) {
    throw new InputError(`--chain-id: "${chainText}" is not allowed; expected a whole number >= 1`);
  }
  const rpcUrl = options.rpc === undefined ? localChain?.rpcUrl : checkUrl('--rpc', options.rpc);
  // Every chain a reader shows by default (docs/multi-chain.md): the stack's chains, narrowed to
  // one by --chain-id or an explicit --oracle; else the one chain of the flags or environment.
  const single: ReadChain[] =
    address !== undefined && chainId !== undefined
      ? [
          {
            name: localChain?.chainId === chainId ? localChain.name : `chain-${chainId}`,
            chainId,
            address,
            ...(rpcUrl === undefined ? {} : { rpcUrl }),
          },
        ]
      : [];
  const chains: ReadChain[] =
    stack !== undefined && options.chainId === undefined && options.oracle === undefined
      ? localChains(stack).map((c) =>
          c.chainId === chainId && options.rpc !== undefined
            ? { ...c, address: c.oracleAddress, rpcUrl: rpcUrl as string }
            : { name: c.name, chainId: c.chainId, address: c.oracleAddress, rpcUrl: c.rpcUrl },
        )
      : single;
  return {
    chains,
    context: {
      dynamo: createDynamoClients({
        ...(endpoint === undefined ? {} : { endpoint }),
        ...(options.region === undefined ? {} : { region: options.region }),
      }),
      tables: tableNames(prefix),
      config,
      ...(address !== undefined && chainId !== undefined ? { oracle: { chainId, address } } : {}),
      ...(chains.length === 0 ? {} : { chains }),
      now: () => Date.now(),
    },
    rpcUrl,
  };
}
