import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { formatEther } from 'ethers';
import { readLatest } from '../../chain/oracle/readLatest.js';
import { BALLAST_METRICS } from '../../observability/metricNames.js';
import { metrics } from '../../observability/powertools.js';
import { laneIncludes } from './laneIncludes.js';
import type { PublisherContext } from './PublisherContext.js';

/** Staleness of what the oracle holds per asset and pair this lane publishes, and the signer's balance. */
export async function emitChainMetrics(context: PublisherContext, signer: string): Promise<void> {
  const now = context.now();
  await Promise.all(
    [...Object.keys(context.config.assets), ...Object.keys(context.config.pairs)]
      .filter((id) => laneIncludes(context.lane, id))
      .map(async (asset) => {
        const latest = await context.rpc
          .call((provider) => readLatest({ address: context.oracleAddress, runner: provider }, asset))
          .catch(() => undefined);
        if (latest === undefined) return;
        const staleness = metrics.singleMetric();
        staleness.addDimension('Asset', asset);
        staleness.addMetric(
          BALLAST_METRICS.assetStaleness,
          MetricUnit.Seconds,
          Math.max(0, now / 1000 - latest.observedAt),
        );
      }),
  );
  const balance = await context.rpc.call((provider) => provider.getBalance(signer));
  metrics.addMetric(BALLAST_METRICS.signerBalance, MetricUnit.Count, Number(formatEther(balance)));
}
