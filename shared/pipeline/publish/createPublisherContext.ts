import { BALLAST_METRICS } from '../../observability/metricNames.js';
import type { RuntimeEnv } from '../../config/runtimeEnv.js';
import { feePolicyFromConfig } from '../../chain/fees/feePolicyFromConfig.js';
import { publisherChainFromEnv } from '../../config/publisherChainFromEnv.js';
import { KmsSigner } from '../../chain/kms/KmsSigner.js';
import { createKmsClient } from '../../chain/kms/createKmsClient.js';
import { DEFAULT_PUBLISHER_TIMING, type PublisherContext } from './PublisherContext.js';
import { FailoverRpc } from '../../chain/rpc/FailoverRpc.js';
import { readRpcUrls } from '../../chain/rpc/readRpcUrls.js';
import { PublisherEnvError } from '../errors.js';
import { metrics } from '../../observability/powertools.js';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { createPipelineContext } from '../createPipelineContext.js';

/** Context of the publisher: the pipeline's, plus chain access and the KMS signer. */
export async function createPublisherContext(
  env: RuntimeEnv,
  invocationId: string,
): Promise<Omit<PublisherContext, 'invocationId'> & { invocationId: string }> {
  const chain = publisherChainFromEnv(env);
  const missing = [
    ...(env.BALLAST_KMS_KEY_ID === undefined ? ['BALLAST_KMS_KEY_ID'] : []),
    ...(chain === undefined
      ? ['BALLAST_CHAIN_CONFIG_JSON (or BALLAST_CHAIN_ID and BALLAST_ORACLE_ADDRESS)']
      : []),
  ];
  if (missing.length > 0 || chain === undefined)
    throw new PublisherEnvError(`the publisher needs ${missing.join(', ')} in its environment`, {
      fix: 'deploy through the CDK stack, which sets them, or export them for a local run',
    });
  const rpc = new FailoverRpc(
    await readRpcUrls({
      parameterName: chain.rpcUrlsParameterName ?? env.BALLAST_RPC_URLS_PARAM,
      plain: env.BALLAST_RPC_URLS,
      reader: 'the publisher',
    }),
    chain.chainId,
  );
  const signer = new KmsSigner({
    client: createKmsClient(
      env.BALLAST_KMS_ENDPOINT === undefined ? {} : { endpoint: env.BALLAST_KMS_ENDPOINT },
    ),
    keyId: env.BALLAST_KMS_KEY_ID as string,
    onThrottle: () => metrics.addMetric(BALLAST_METRICS.kmsThrottles, MetricUnit.Count, 1),
  });
  rpc.onFailover = () => metrics.addMetric(BALLAST_METRICS.rpcFailovers, MetricUnit.Count, 1);
  return {
    ...createPipelineContext(env),
    rpc,
    signer: signer.connect(rpc.provider),
    oracleAddress: chain.oracleAddress,
    feePolicy: feePolicyFromConfig(chain.feePolicy),
    timing: {
      ...DEFAULT_PUBLISHER_TIMING,
      ...(chain.confirmations === undefined ? {} : { confirmations: chain.confirmations }),
    },
    invocationId,
    lane: {
      name: chain.name,
      ...(chain.assets === undefined ? {} : { assets: chain.assets }),
      ...(chain.pairs === undefined ? {} : { pairs: chain.pairs }),
    },
  };
}
