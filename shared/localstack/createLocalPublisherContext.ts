import { randomUUID } from 'node:crypto';
import type { AssetsConfig } from '../config/assetsConfig.js';
import { DEFAULT_FEE_POLICY } from '../chain/fees/FeePolicy.js';
import { KmsSigner } from '../chain/kms/KmsSigner.js';
import { createKmsClient } from '../chain/kms/createKmsClient.js';
import {
  DEFAULT_PUBLISHER_TIMING,
  type PublisherContext,
  type PublisherTiming,
} from '../pipeline/publish/PublisherContext.js';
import { FailoverRpc } from '../chain/rpc/FailoverRpc.js';
import type { StackState } from './stackState.js';
import { createDynamoClients } from '../store/createDynamoClients.js';
import { tableNames } from '../store/tables.js';

export interface LocalPublisherContext extends PublisherContext {
  readonly kmsSigner: KmsSigner;
  /** Releases sockets and clients. */
  close(): void;
}

/** The publisher context for a running local stack: the same objects the Lambdas build from their environment. */
export function createLocalPublisherContext(
  state: StackState,
  config: AssetsConfig,
  overrides: {
    readonly timing?: Partial<PublisherTiming>;
    readonly rpcUrls?: readonly string[];
    /** Which chain of a multi-chain stack (an index into `state.chains`). @default 0 */
    readonly chain?: number;
  } = {},
): LocalPublisherContext {
  const index = overrides.chain ?? 0;
  const chain = state.chains?.[index];
  if (chain === undefined && index !== 0)
    throw new RangeError(
      `chain: index ${index} is not a chain of this stack; it has ${state.chains?.length ?? 1} (0 to ${(state.chains?.length ?? 1) - 1})`,
    );
  const dynamo = createDynamoClients({ endpoint: state.dynamodb.endpoint });
  const rpc = new FailoverRpc(
    overrides.rpcUrls ?? [chain?.rpcUrl ?? state.anvil.rpcUrl],
    chain?.chainId ?? state.anvil.chainId,
  );
  const kmsClient = createKmsClient({ endpoint: state.kms.endpoint });
  const kmsSigner = new KmsSigner({ client: kmsClient, keyId: state.kms.keyId });
  return {
    config,
    dynamo,
    tables: tableNames(state.dynamodb.tablePrefix),
    venueBaseUrl: state.exchange.baseUrl,
    now: Date.now,
    rpc,
    signer: kmsSigner,
    kmsSigner,
    oracleAddress: chain?.oracleAddress ?? state.oracle.address,
    // A multi-chain stack names each lane; a one-chain stack runs the single unnamed lane.
    ...(chain === undefined ? {} : { lane: { name: chain.name } }),
    feePolicy: DEFAULT_FEE_POLICY,
    // Anvil mines on every transaction: poll fast, replace quickly if something is stuck.
    timing: { ...DEFAULT_PUBLISHER_TIMING, pollMs: 100, replaceAfterMs: 5_000, ...overrides.timing },
    invocationId: randomUUID(),
    close: () => {
      rpc.destroy();
      dynamo.client.destroy();
      kmsClient.destroy();
    },
  };
}
