import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatCorrelations, runCorrelationsCommand } from '../../../../shared/cli/commands/correlations.js';
import type { Candle } from '../../../../shared/core/types.js';
import { computeCorrelations } from '../../../../shared/risk/crossAsset/computeCorrelations.js';
import { syntheticCandles } from '../../../fixtures/risk/syntheticCandles.js';

const dir = mkdtempSync(join(tmpdir(), 'ballast-corr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hours = 24 * 60;
const btc = syntheticCandles({ seed: 21, hours });
const noise = syntheticCandles({ seed: 22, hours, sigma: 0.002 });
const eth: Candle[] = btc.map((b, i) => {
  const f = noise[i]![4] / 100;
  return [b[0], b[1] * f, b[2] * f, b[3] * f, b[4] * f, b[5]];
});
const sol = syntheticCandles({ seed: 23, hours });

describe('computeCorrelations', () => {
  const r = computeCorrelations({ candles: { BTC: btc, ETH: eth, SOL: sol } });

  it('sees the dependence that is there and not the one that is not', () => {
    expect(r.assets).toEqual(['BTC', 'ETH', 'SOL']);
    expect(r.correlation[0]![1]).toBeGreaterThan(0.8);
    expect(Math.abs(r.correlation[0]![2]!)).toBeLessThan(0.3);
    expect(r.stressed[0]![1]!).toBeGreaterThanOrEqual(r.correlation[0]![1]! - 0.2);
    expect(r.moved.length).toBe(3);
    expect(r.asOf).toBe(btc[hours - 1]![0] + 3_600_000);
    expect(r.inputsHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses nothing after asOf', () => {
    const cut = btc[hours - 200]![0] + 3_600_000;
    const early = computeCorrelations({ candles: { BTC: btc, ETH: eth, SOL: sol }, asOf: cut });
    const truncated = computeCorrelations({
      candles: {
        BTC: btc.slice(0, hours - 199),
        ETH: eth.slice(0, hours - 199),
        SOL: sol.slice(0, hours - 199),
      },
    });
    expect(early).toEqual(truncated);
  });

  it('refuses a single asset', () => {
    expect(() => computeCorrelations({ candles: { BTC: btc } })).toThrow(/correlations need at least two/);
  });
});

describe('ballast correlations', () => {
  for (const [name, rows] of [
    ['BTC', btc],
    ['ETH', eth],
  ] as const)
    writeFileSync(
      join(dir, `${name}.csv`),
      `ts_ms,open,high,low,close,volume\n${rows.map((x) => x.join(',')).join('\n')}\n`,
    );

  it('prints the tables for the chosen assets', () => {
    const r = runCorrelationsCommand({ candlesDir: dir, assets: 'BTC,ETH' });
    const text = formatCorrelations(r);
    expect(text).toMatch(/EWMA correlation:\n\s+BTC\s+ETH\nBTC\s+1\.00/);
    expect(text).toMatch(/moved most over 168 h:\n {2}BTC-ETH: /);
  });

  it('refuses unknown assets and missing files naming the flag', () => {
    expect(() => runCorrelationsCommand({ candlesDir: dir, assets: 'BTC,DOGE' })).toThrow(
      /--assets: unknown asset "DOGE"/,
    );
    expect(() => runCorrelationsCommand({ candlesDir: dir, assets: 'BTC,SOL' })).toThrow(
      /--candles-dir: no candles for SOL/,
    );
    expect(() => runCorrelationsCommand({ candlesDir: dir, assets: 'BTC,ETH', at: 'yesterday' })).toThrow(
      /--at/,
    );
  });
});
