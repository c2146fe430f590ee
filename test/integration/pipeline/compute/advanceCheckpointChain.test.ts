import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCheckpointChain } from '../../../../shared/audit/verifyCheckpointChain.js';
import { registerVerifyCommand } from '../../../../shared/cli/commands/verify.js';
import defaultAssetsConfig from '../../../../shared/config/assets.default.json' with { type: 'json' };
import { parseAssetsConfig } from '../../../../shared/config/parseAssetsConfig.js';
import { HOUR_MS } from '../../../../shared/core/time.js';
import type { Candle } from '../../../../shared/core/types.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../../shared/localstack/startDynamoDbLocal.js';
import { computeStage } from '../../../../shared/pipeline/compute/computeStage.js';
import { RiskSeries } from '../../../../shared/risk/series/RiskSeries.js';
import { createDynamoClients, type DynamoClients } from '../../../../shared/store/createDynamoClients.js';
import { createTables } from '../../../../shared/store/createTables.js';
import { listCheckpoints } from '../../../../shared/store/listCheckpoints.js';
import { listCandles } from '../../../../shared/store/listCandles.js';
import { getSnapshot } from '../../../../shared/store/getSnapshot.js';
import { getRiskRecord } from '../../../../shared/store/getRiskRecord.js';
import { findPreviousState } from '../../../../shared/audit/findPreviousState.js';
import { computeRiskRecord } from '../../../../shared/risk/computeRiskRecord.js';
import { computeRiskCycle } from '../../../../shared/risk/computeRiskCycle.js';
import { CURRENT_HASH_SCHEME } from '../../../../shared/risk/provenance/hashSchemes.js';
import type { StoredCheckpoint } from '../../../../shared/store/StoredCheckpoint.js';
import { tableNames, type TableNames } from '../../../../shared/store/tables.js';
import { seedCycles, type SeedCyclesResult } from '../../../fixtures/api/seedCycles.js';
import { makeSyntheticInputs } from '../../../fixtures/api/makeSyntheticInputs.js';
import type { CompactMarketSnapshot } from '../../../../shared/market/compactSnapshot.js';
import { putSnapshot } from '../../../../shared/store/putSnapshot.js';
import { runCliInProcess } from '../../support/runCliInProcess.js';
import { NEVER_EXPIRES_AT } from '../../../fixtures/store/neverExpires.js';

const config = parseAssetsConfig(JSON.stringify(defaultAssetsConfig), 'assets.default.json');
const ASSETS = ['BTC', 'ETH'];
const CYCLES = 50; // simulated hours, one cycle each
const HISTORY_HOURS = 24 * 100; // the candles of the first cycle's snapshot (makeSyntheticInputs)

let dynamodb: DynamoDbLocal;
let dynamo: DynamoClients;
let tables: TableNames;
let prefix: string;
let seeded: SeedCyclesResult;
const startTs = Math.floor(Date.UTC(2025, 0, 10) / HOUR_MS) * HOUR_MS;

async function chain(asset: string): Promise<(StoredCheckpoint & { candles: readonly Candle[] })[]> {
  const links: (StoredCheckpoint & { candles: readonly Candle[] })[] = [];
  for await (const link of listCheckpoints(dynamo, tables, asset)) links.push(link);
  return links;
}

beforeAll(async () => {
  dynamodb = await startDynamoDbLocal();
  dynamo = createDynamoClients({ endpoint: dynamodb.endpoint });
  prefix = `checkpoints-${randomUUID().slice(0, 8)}`;
  tables = tableNames(prefix);
  // No expiry: the snapshots of January 2025 are past their 400-day TTL today.
  await createTables(dynamo.client, tables, { timeToLive: false });
  // Real compute stages, one simulated hour apart, against DynamoDB Local.
  seeded = await seedCycles({ dynamo, tables, config, assets: ASSETS, startTs, cycles: CYCLES });
}, 240_000);

afterAll(async () => {
  dynamo?.client.destroy();
  await dynamodb?.stop();
});

describe('engine checkpoints in DynamoDB, one per asset-hour', () => {
  it('the compute stage built a hash chain: the first link from the first candle, then one new candle per hour', async () => {
    for (const asset of ASSETS) {
      const links = await chain(asset);
      expect(links).toHaveLength(CYCLES);
      expect(links[0]!.predecessorHash).toBeNull();
      expect(links[0]!.candles).toHaveLength(HISTORY_HOURS);
      for (let k = 1; k < links.length; k++) {
        expect(links[k]!.predecessorHash).toBe(links[k - 1]!.hash);
        expect(links[k]!.candles).toHaveLength(1);
        expect(links[k]!.hourTs - links[k - 1]!.hourTs).toBe(HOUR_MS);
        expect(links[k]!.state.count).toBe(HISTORY_HOURS + k);
      }
      // The last link continues exactly where a recomputation from the first candle ends.
      const replay = new RiskSeries(links[0]!.state.options);
      for (const link of links) for (const candle of link.candles) replay.push(candle);
      expect(replay.sigmaFast()).toBe(RiskSeries.fromState(links.at(-1)!.state, replay.options).sigmaFast());
    }
  });

  it('every record after the first is computed from the checkpoint before its hour and the new candle only, and equals a recomputation from the first candle', async () => {
    for (const asset of ASSETS) {
      const links = await chain(asset);
      const items = await Promise.all(
        seeded.recordTs.get(asset)!.map((ts) => getRiskRecord(dynamo, tables, { asset, ts })),
      );
      expect(items).toHaveLength(CYCLES);
      expect(items[0]!.provenance).toMatchObject({ basis: 'fullRebuild', reason: 'noCheckpoint' });
      expect(items[0]!.record.checkpointHash).toBeUndefined();
      const all = await listCandles(dynamo, tables, asset, 0, startTs + CYCLES * HOUR_MS);
      for (const [k, stored] of items.entries()) {
        if (k === 0) continue;
        const { record, provenance } = stored;
        // The checkpoint of the hour before the record's last candle, and that candle.
        expect(provenance).toEqual({
          basis: 'checkpoint',
          checkpointHourTs: links[k - 1]!.hourTs,
          candlesFromTs: record.asOf - HOUR_MS,
          candlesToTs: record.asOf - HOUR_MS,
        });
        expect(record.checkpointHash).toBe(links[k - 1]!.hash);
        if (k % 7 !== 0 && k !== CYCLES - 1) continue;
        // The same record from the whole history (only the inputs and checkpoint hashes differ).
        const snapshot = await getSnapshot(dynamo, tables, asset, stored.ts, { withCandles: false });
        const previous =
          record.previousHash === null
            ? undefined
            : await findPreviousState(dynamo, tables, {
                asset,
                beforeTs: stored.ts,
                previousHash: record.previousHash,
                hashScheme: CURRENT_HASH_SCHEME,
              });
        const full = computeRiskRecord({
          inputs: { ...snapshot.inputs, candles: all.filter(([ts]) => ts < record.asOf) },
          config: config.assets[asset]!,
          ...(previous === undefined ? {} : { previous: previous.state }),
        });
        const { inputsHash: _a, checkpointHash: _b, ...fromCheckpoint } = record;
        const { inputsHash: _c, ...fromFirst } = full;
        expect(fromCheckpoint).toEqual(fromFirst);
        expect(JSON.stringify(fromCheckpoint)).toBe(JSON.stringify(fromFirst));
      }
    }
  });

  it('a retried compute stage finds the checkpoint current and writes nothing new', async () => {
    const ts = startTs + (CYCLES - 1) * HOUR_MS + 7_000;
    const again = await computeStage({ config, dynamo, tables, now: () => ts }, { asset: 'BTC', ts });
    const links = await chain('BTC');
    expect(again.checkpoint).toEqual({
      status: 'current',
      hourTs: links.at(-1)!.hourTs,
      hash: links.at(-1)!.hash,
    });
    expect(links).toHaveLength(CYCLES);
  });

  it('verify --deep replays every link from the first candle: PASS, exit 0', async () => {
    const result = await verifyCheckpointChain('ETH', listCheckpoints(dynamo, tables, 'ETH'), [
      config.assets.ETH!,
    ]);
    expect(result).toMatchObject({ ok: true, links: CYCLES, chains: 1, candles: HISTORY_HOURS + CYCLES - 1 });
    const run = await runCliInProcess(
      [registerVerifyCommand],
      ['verify', '--deep', 'BTC,ETH', '--endpoint', dynamodb.endpoint, '--table-prefix', prefix],
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `PASS BTC: ${CYCLES} checkpoint\\(s\\) in 1 chain\\(s\\), ${HISTORY_HOURS + CYCLES - 1} candles`,
      ),
    );
    expect(run.stdout).toMatch(/PASS ETH/);
  }, 120_000);

  it('verify --deep FAILs, naming the hour, when a stored state was changed (exit 1)', async () => {
    const links = await chain('BTC');
    const victim = links[20]!;
    const forged = { ...victim.state, sumSqAll: victim.state.sumSqAll * 0.5 };
    await dynamo.doc.send(
      new UpdateCommand({
        TableName: tables.checkpoints,
        Key: { asset: 'BTC', hourTs: victim.hourTs },
        UpdateExpression: 'SET stateGz = :s',
        ExpressionAttributeValues: { ':s': gzipSync(JSON.stringify(forged)) },
      }),
    );
    const result = await verifyCheckpointChain('BTC', listCheckpoints(dynamo, tables, 'BTC'), [
      config.assets.BTC!,
    ]);
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([
      expect.stringContaining(`BTC ${new Date(victim.hourTs).toISOString()}: the stored state hashes to`),
    ]);
    const run = await runCliInProcess(
      [registerVerifyCommand],
      ['verify', '--deep', 'BTC', '--endpoint', dynamodb.endpoint, '--table-prefix', prefix],
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL BTC/);
  }, 120_000);
  it('a broken chain is never continued: the next cycle rebuilds from the first candle, says so, gives the same record, and starts a new chain', async () => {
    const links = await chain('ETH');
    const last = links.at(-1)!;
    const forged = { ...last.state, sumSqAll: last.state.sumSqAll * 2 };
    const { layout } = last;
    await dynamo.doc.send(
      new UpdateCommand({
        TableName: tables.checkpoints,
        Key: { asset: 'ETH', hourTs: last.hourTs },
        UpdateExpression: 'SET stateGz = :s',
        // The item keeps its layout: only the bounded part (where sumSqAll lives) is forged.
        ExpressionAttributeValues: {
          ':s': gzipSync(
            JSON.stringify(
              layout === undefined
                ? forged
                : {
                    ...forged,
                    ts: '',
                    close: '',
                    varModel: '',
                    fhs: forged.fhs.map((f) => ({ ...f, z: '' })),
                  },
            ),
          ),
        },
      }),
    );
    // The next hour's cycle: a snapshot continuing the same synthetic market.
    const ts = startTs + CYCLES * HOUR_MS + 7_000;
    const asOf = Math.floor(ts / HOUR_MS) * HOUR_MS;
    const inputs = makeSyntheticInputs({ asset: 'ETH', asOf, seed: 2, ...seeded.market });
    const compact = {
      asset: 'ETH',
      ts,
      expiresAt: NEVER_EXPIRES_AT,
    } as unknown as CompactMarketSnapshot;
    await putSnapshot(dynamo, tables, { asset: 'ETH', ts, compact, inputs });
    const result = await computeStage({ config, dynamo, tables, now: () => ts }, { asset: 'ETH', ts });
    expect(result.provenance).toMatchObject({ basis: 'fullRebuild', reason: 'chainBroken' });
    expect(result.record.checkpointHash).toBeUndefined();
    expect(result.checkpoint).toMatchObject({
      status: 'written',
      hourTs: asOf - HOUR_MS,
      predecessorHash: null,
    });
    // The record the intact chain would have given: the unforged checkpoint and the new candle.
    const all = await listCandles(dynamo, tables, 'ETH', 0, asOf - HOUR_MS);
    expect(result.record.intermediate.candlesUsed).toBe(all.length);
    const previous =
      result.record.previousHash === null
        ? undefined
        : await findPreviousState(dynamo, tables, {
            asset: 'ETH',
            beforeTs: ts,
            previousHash: result.record.previousHash,
            hashScheme: CURRENT_HASH_SCHEME,
          });
    const fromChain = computeRiskCycle({
      inputs: { ...inputs, candles: all.filter(([t]) => t > last.hourTs) },
      config: config.assets.ETH!,
      checkpoint: last.state,
      ...(previous === undefined ? {} : { previous: previous.state }),
    }).record;
    const { inputsHash: _a, checkpointHash: _b, ...chained } = fromChain;
    const { inputsHash: _c, ...rebuilt } = result.record;
    expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(chained));
    const stored = await getRiskRecord(dynamo, tables, { asset: 'ETH', ts });
    expect(stored.provenance).toEqual(result.provenance);
  });
});
