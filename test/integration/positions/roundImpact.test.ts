/**
 * Position health on the real local stack (anvil, DynamoDB Local, the KMS endpoint, the exchange
 * simulator): the stack deploys the example market with borrowers, the first round lets them
 * borrow at a range of health factors, a price shock moves the market, and the next round's impact
 * on positions is computed before it is sent, recorded with the round, and equals a recomputation
 * made here from the market's own state (`positionOf`), the chain's LT and the cycle's prices.
 */
import { Contract, formatEther, JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRiskOracleArtifact } from '../../../shared/chain/oracle/loadRiskOracleArtifact.js';
import { readLatest } from '../../../shared/chain/oracle/readLatest.js';
import type { AssetsConfig } from '../../../shared/config/assetsConfig.js';
import {
  createLocalPublisherContext,
  type LocalPublisherContext,
} from '../../../shared/localstack/createLocalPublisherContext.js';
import { tendExampleMarket } from '../../../shared/localstack/exampleMarket/tendExampleMarket.js';
import type { RoundImpact } from '../../../shared/risk/health/RoundImpact.js';
import { runCycle, type CycleResult } from '../../../shared/pipeline/runCycle.js';
import { getPublication } from '../../../shared/store/getPublication.js';
import { oracleKey } from '../../../shared/store/oracleKey.js';
import { startTestStack, type TestStack } from '../support/startTestStack.js';
import { createApiHandler } from '../../../shared/api/createApiHandler.js';
import { startLocalApiServer } from '../../../shared/cli/startLocalApiServer.js';
import { validateApiResponse } from '../../fixtures/api/validateApiResponse.js';
import { loadReportData } from '../../../shared/report/loadReportData.js';
import { renderGovernanceReport } from '../../../shared/report/renderGovernanceReport.js';

/**
 * Seeded HFs (at the round-1 price) are ≈1.06, 1.06, 1.09, 1.15, 1.3 and 2. A 6.7 % drop leaves
 * the 1.09 position at ≈1.017, and an LT 300 bp lower (9000 → 8700) takes it to ≈0.983: it crosses
 * with a margin of about 1.7 % either side, far above the simulator's drift between two cycles.
 */
const SHOCK = -0.067;
const LT_CUT_BPS = 300;

describe('round impact on the example market (local stack)', () => {
  let t: TestStack;
  let context: LocalPublisherContext;
  let provider: JsonRpcProvider;

  beforeAll(async () => {
    t = await startTestStack();
    context = createLocalPublisherContext(t.state, t.config);
    provider = new JsonRpcProvider(t.state.anvil.rpcUrl, undefined, { cacheTimeout: -1 });
  });
  afterAll(async () => {
    provider?.destroy();
    context?.close();
    await t?.stop();
  });

  const refPrice = (cycle: CycleResult, asset: string): number => {
    const price = cycle.assets.find((a) => a.compute.asset === asset)?.collect.referencePrice;
    if (price === null || price === undefined) throw new Error(`no reference price for ${asset}`);
    return price;
  };
  const tend = (referencePrice: number | null) => {
    const market = t.state.market;
    if (market === undefined) throw new Error('the local stack deployed no example market');
    return tendExampleMarket({
      provider,
      chainId: t.state.anvil.chainId,
      oracleAddress: t.state.oracle.address,
      market,
      referencePrice,
      dynamo: context.dynamo,
      tables: context.tables,
    });
  };

  it('records with each round, before it is sent, the positions it would push under HF 1', async () => {
    const market = t.state.market;
    expect(market?.asset).toBe('ETH');
    if (market === undefined) return;
    const indexedAtBoot = await tend(null);
    expect(indexedAtBoot.indexed).toBe(market.borrowers.length); // one Deposited each

    // Round 1: nothing on-chain before it, and no debt yet: no impact to count.
    const first = await runCycle(context, ['BTC', 'ETH']);
    expect(first.publish.status).toBe('mined');
    const firstImpact = first.publish.status === 'mined' ? first.publish.impact : undefined;
    expect(firstImpact).toMatchObject({ status: 'computed', positions: 6, evaluated: 0, sources: 1 });

    // The borrowers open their debts at a range of health factors (the market's own figures).
    const seeded = await tend(refPrice(first, 'ETH'));
    expect(seeded.seeded).toHaveLength(6);
    const opened = seeded.seeded.map((s) => s.healthFactor);
    expect(Math.min(...opened)).toBeGreaterThanOrEqual(1);
    expect(Math.min(...opened)).toBeLessThan(1.07);
    expect(Math.max(...opened)).toBeGreaterThan(1.9);

    // The market drops. Governance also caps ETH's LT 300 bp lower this cycle, so the candidate
    // tightens by a known step whatever the engine makes of the shock.
    const shock = await fetch(`${t.state.exchange.baseUrl}/sim/shock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ asset: 'ETH', pct: SHOCK }),
    });
    expect(shock.status).toBe(200);
    const eth = t.config.assets.ETH;
    if (eth === undefined) throw new Error('ETH is not configured');
    const onChainBefore = await readLatest({ address: t.state.oracle.address, runner: provider }, 'ETH');
    if (onChainBefore === undefined) throw new Error('round 1 did not publish ETH');
    const cap = onChainBefore.ltBps - LT_CUT_BPS;
    const capped: AssetsConfig = {
      ...t.config,
      assets: {
        ...t.config.assets,
        ETH: {
          ...eth,
          bounds: { ...eth.bounds, lt: [eth.bounds.lt[0], cap] },
        },
      },
    };
    // Positions as the market holds them, read before the round.
    const lending = new Contract(
      market.address,
      loadRiskOracleArtifact('ExampleLendingMarket').abi as never,
      provider,
    );
    const positions = await Promise.all(
      market.borrowers.map(async (account) => {
        const [collateral, debt] = (await lending.getFunction('positionOf')(account)) as [bigint, bigint];
        return { account, collateral: Number(formatEther(collateral)), debt: Number(formatEther(debt)) };
      }),
    );

    // Seen from inside the publisher, right after the broadcast: the round's record already holds it.
    let recordedAtBroadcast: RoundImpact | undefined;
    const oracle = oracleKey(t.state.anvil.chainId, t.state.oracle.address);
    await provider.send('evm_increaseTime', [2]);
    const second = await runCycle(
      {
        ...context,
        config: capped,
        hooks: {
          afterBroadcast: async () => {
            recordedAtBroadcast = (await getPublication(context.dynamo, context.tables, oracle, '2')).impact;
          },
        },
      },
      ['BTC', 'ETH'],
    );
    expect(second.publish.status).toBe('mined');
    if (second.publish.status !== 'mined') return;
    expect(second.publish.round).toBe('2');
    const ethRecord = second.assets.find((a) => a.compute.asset === 'ETH')?.compute.record;
    expect(ethRecord?.candidate.ltBps).toBe(cap);

    // The independent recomputation: HF = collateral × price × LT / debt (debt in USD tokens).
    const price = refPrice(second, 'ETH');
    const hf = (p: { collateral: number; debt: number }, ltBps: number): number =>
      (p.collateral * price * ltBps) / 10_000 / p.debt;
    const crossing = positions.filter((p) => hf(p, onChainBefore.ltBps) >= 1 && hf(p, cap) < 1);
    const belowAlert = positions.filter((p) => hf(p, cap) < 1.1);
    expect(crossing.length).toBeGreaterThanOrEqual(1);

    const impact = second.publish.impact;
    expect(impact?.status).toBe('computed');
    if (impact?.status !== 'computed') return;
    expect(impact.newlyLiquidatable.positions).toBe(crossing.length);
    expect(impact.newlyLiquidatable.debtUsd).toBeCloseTo(
      crossing.reduce((s, p) => s + p.debt, 0),
      6,
    );
    expect(impact.newlyLiquidatable.collateralUsd).toBeCloseTo(
      crossing.reduce((s, p) => s + p.collateral * price, 0),
      6,
    );
    expect(impact.byAsset).toEqual([
      {
        asset: 'ETH',
        positions: crossing.length,
        collateralUsd: impact.newlyLiquidatable.collateralUsd,
        debtUsd: impact.newlyLiquidatable.debtUsd,
      },
    ]);
    expect(impact.belowAlert).toBe(belowAlert.length);
    expect(impact.prices.ETH).toBe(price);
    expect(impact.changes.find((c) => c.asset === 'ETH')).toEqual({
      asset: 'ETH',
      fromBps: onChainBefore.ltBps,
      toBps: cap,
      targetBps: ethRecord?.target.ltBps,
      ltRampHours: 0,
      ramped: false,
    });
    // Recorded with the round before it was sent, and the same thing after.
    expect(recordedAtBroadcast).toEqual(impact);
    expect((await getPublication(context.dynamo, context.tables, oracle, '2')).impact).toEqual(impact);
    // Never held back: the tightening went on-chain in full.
    expect((await readLatest({ address: t.state.oracle.address, runner: provider }, 'ETH'))?.ltBps).toBe(cap);

    // The read API serves it, as the OpenAPI document says.
    const api = await startLocalApiServer({
      handler: createApiHandler({
        context: {
          dynamo: context.dynamo,
          tables: context.tables,
          config: t.config,
          oracle: { chainId: t.state.anvil.chainId, address: t.state.oracle.address },
          now: Date.now,
        },
      }),
    });
    try {
      const get = async (round: string) => {
        const response = await fetch(`${api.url}/v1/rounds/${round}/impact`);
        const body = (await response.json()) as Record<string, unknown>;
        const route = '/v1/rounds/{round}/impact';
        expect(validateApiResponse({ route, statusCode: response.status, body })).toEqual([]);
        return { status: response.status, body };
      };
      const served = await get('2');
      expect(served.status).toBe(200);
      expect(served.body).toMatchObject({ round: '2', status: 'mined', impact });
      expect(served.body.assets).toContainEqual({ asset: 'ETH', ltBps: cap });
      expect((await get('1')).body).toMatchObject({ round: '1', impact: firstImpact });
      const missing = await get('99');
      expect(missing.status).toBe(404);
      expect((missing.body.error as { field: string }).field).toBe('round');
      // The round's audit bundle carries the impact too, and still matches its schema.
      const bundle = await fetch(`${api.url}/v1/rounds/2`);
      const bundleBody = (await bundle.json()) as { publication: { impact: unknown } };
      expect(
        validateApiResponse({ route: '/v1/rounds/{round}', statusCode: bundle.status, body: bundleBody }),
      ).toEqual([]);
      expect(bundleBody.publication.impact).toEqual(impact);
    } finally {
      await api.close();
    }

    // The governance report lists both rounds' impacts.
    const data = await loadReportData(context.dynamo, context.tables, {
      configured: Object.keys(t.config.assets),
      now: Date.now(),
      source: 'test',
      oracle,
    });
    expect(data.impacts?.map((r) => r.round)).toEqual(['1', '2']);
    expect(data.impacts?.[1]?.impact).toEqual(impact);
    const html = renderGovernanceReport(data);
    expect(html).toContain('<h2>Impact on positions</h2>');
    expect(html).toContain(
      `<td class="bad">${crossing.length} of ${impact.evaluated}<br>$${impact.newlyLiquidatable.debtUsd.toLocaleString('en-US', { maximumFractionDigits: 0 })} debt`,
    );
  });
});
