import { afterAll, afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';

// Emission on, through the global console (which the test reads), for a service of its own: set
// before the Powertools singletons are created at import, and put back afterwards (a worker
// process may run other test files after this one).
const savedEnv = vi.hoisted(() => {
  const saved = {
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED,
    POWERTOOLS_DEV: process.env.POWERTOOLS_DEV,
    POWERTOOLS_SERVICE_NAME: process.env.POWERTOOLS_SERVICE_NAME,
  };
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  process.env.POWERTOOLS_DEV = 'true';
  process.env.POWERTOOLS_SERVICE_NAME = 'ballast-test';
  return saved;
});
afterAll(() => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { emitDegradedCycle } from '../../../shared/observability/emitDegradedCycle.js';
import { BALLAST_METRICS } from '../../../shared/observability/metricNames.js';
import { metrics } from '../../../shared/observability/powertools.js';

interface Emf {
  readonly _aws: {
    readonly CloudWatchMetrics: readonly {
      readonly Namespace: string;
      readonly Dimensions: readonly (readonly string[])[];
      readonly Metrics: readonly { readonly Name: string; readonly Unit: string }[];
    }[];
  };
  readonly [field: string]: unknown;
}

let log: MockInstance<typeof console.log>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => log.mockRestore());

/** The CloudWatch embedded-metric documents written since the test began. */
const emitted = (): Emf[] =>
  log.mock.calls
    .map(([line]) =>
      typeof line === 'string' && line.includes('"_aws"') ? (JSON.parse(line) as Emf) : undefined,
    )
    .filter((doc) => doc !== undefined);

// What CloudWatch receives (test/infra/emittedBallastMetrics.ts reads the same two forms from the
// source, and the infra tests check every alarm against them).
describe('Ballast metrics as CloudWatch receives them (embedded metric format)', () => {
  it('emitDegradedCycle: one document at once, DegradedCycles = 1 by service and Asset', () => {
    emitDegradedCycle('ETH/BTC');
    expect(emitted()).toEqual([
      expect.objectContaining({
        _aws: expect.objectContaining({
          CloudWatchMetrics: [
            {
              Namespace: 'Ballast',
              Dimensions: [['service', 'Asset']],
              Metrics: [{ Name: 'DegradedCycles', Unit: 'Count' }],
            },
          ],
        }),
        service: 'ballast-test',
        Asset: 'ETH/BTC',
        DegradedCycles: 1,
      }),
    ]);
  });

  it('metrics.addMetric: by service alone, written when the handler flushes', () => {
    metrics.addMetric(BALLAST_METRICS.batchSize, MetricUnit.Count, 3);
    expect(emitted()).toEqual([]);
    metrics.publishStoredMetrics();
    const [doc] = emitted();
    expect(doc?._aws.CloudWatchMetrics).toEqual([
      { Namespace: 'Ballast', Dimensions: [['service']], Metrics: [{ Name: 'BatchSize', Unit: 'Count' }] },
    ]);
    expect(doc).toMatchObject({ service: 'ballast-test', BatchSize: 3 });
  });
});
