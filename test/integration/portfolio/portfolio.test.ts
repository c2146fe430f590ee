import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPortfolioCommand, formatPortfolio } from '../../../shared/cli/commands/portfolio.js';
import type { Candle } from '../../../shared/core/types.js';
import { backtestPortfolio } from '../../../shared/portfolio/backtestPortfolio.js';
import { evaluatePortfolio } from '../../../shared/portfolio/evaluatePortfolio.js';
import { parsePosition } from '../../../shared/portfolio/parsePosition.js';
import { PortfolioInputError } from '../../../shared/portfolio/errors.js';
import { syntheticCandles } from '../../fixtures/risk/syntheticCandles.js';

const dir = mkdtempSync(join(tmpdir(), 'ballast-portfolio-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hours = 24 * 120;
const btc = syntheticCandles({ seed: 11, hours, usdVolume: 2e9 });
const own = syntheticCandles({ seed: 12, hours, sigma: 0.004 });
// ETH = BTC × its own factor: correlated but not identical
const eth: Candle[] = btc.map((b, i) => {
  const f = own[i]![4] / 100;
  return [b[0], b[1] * f, b[2] * f, b[3] * f, b[4] * f, own[i]![5]];
});
const sol = syntheticCandles({ seed: 13, hours, sigma: 0.009 });
for (const [name, rows] of [
  ['BTC', btc],
  ['ETH', eth],
  ['SOL', sol],
] as const)
  writeFileSync(
    join(dir, `${name}.csv`),
    `ts_ms,open,high,low,close,volume\n${rows.map((r) => r.join(',')).join('\n')}\n`,
  );
const write = (name: string, body: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
};

describe('parsePosition', () => {
  it('accepts a position and fills an empty debt', () => {
    expect(parsePosition({ collateral: { BTC: 1 } }, 'p')).toEqual({ collateral: { BTC: 1 }, debt: {} });
  });
  it('names the field, the value and what is allowed', () => {
    expect(() => parsePosition({ collateral: { BTC: -1 } }, 'p.json')).toThrow(
      /^p\.json: collateral\.BTC: -1 is not allowed; expected/,
    );
    expect(() => parsePosition({ collateral: { BTC: 1 }, debts: {} }, 'p.json')).toThrow(
      /p\.json: \(root\): debts is not allowed; unknown member; allowed: name, collateral, debt/,
    );
    expect(() => parsePosition({ collateral: {} }, 'p.json')).toThrow(
      /collateral: \{\} is not allowed; expected at least one collateral asset/,
    );
    expect(() => parsePosition('{', 'p.json')).toThrow(/p\.json: not valid JSON/);
    expect(() => parsePosition({ collateral: { btc: 1 } }, 'p.json')).toThrow(PortfolioInputError);
  });
});

describe('evaluatePortfolio', () => {
  const candles = { BTC: btc, ETH: eth, SOL: sol };
  const isolated = {
    BTC: { ltBps: 8500, slip: 0.001 },
    ETH: { ltBps: 8200, slip: 0.002 },
    SOL: { ltBps: 7000, slip: 0.004 },
  };

  it('reports both margins, the credit and a dominant asset; deterministic', () => {
    const position = parsePosition({ collateral: { BTC: 1, ETH: 1 }, debt: { USD: 100 } }, 'p');
    const a = evaluatePortfolio({ position, candles, isolated });
    const b = evaluatePortfolio({ position, candles, isolated });
    expect(a).toEqual(b);
    expect(a.collateralValue).toBeCloseTo(btc[hours - 1]![4] + eth[hours - 1]![4], 9);
    expect(a.requiredPortfolio).toBeCloseTo(100 / a.portfolioLt, 9);
    expect(a.healthIsolated).toBeCloseTo((a.collateralValue * a.isolatedLt) / 100, 9);
    expect(['BTC', 'ETH']).toContain(a.dominantAsset);
    expect(a.scenarios).toBeGreaterThan(2000);
    expect(a.inputsHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a pair position (ETH against BTC debt) needs less than ETH alone against USD', () => {
    const pair = evaluatePortfolio({
      position: parsePosition({ collateral: { ETH: 1 }, debt: { BTC: 0.1 } }, 'p'),
      candles,
      isolated,
    });
    const alone = evaluatePortfolio({
      position: parsePosition({ collateral: { ETH: 1 }, debt: { USD: 1 } }, 'p'),
      candles,
      isolated,
    });
    expect(pair.q).toBeLessThan(alone.q);
  });

  it('refuses assets without candles and too little history, naming the field', () => {
    expect(() =>
      evaluatePortfolio({ position: parsePosition({ collateral: { XRP: 1 } }, 'p'), candles, isolated }),
    ).toThrow(/collateral\.XRP: no candles/);
    expect(() =>
      evaluatePortfolio({
        position: parsePosition({ collateral: { BTC: 1 } }, 'p'),
        candles: { BTC: btc.slice(0, 100) },
        isolated,
      }),
    ).toThrow(/historical scenarios/);
  });
});

describe('backtestPortfolio', () => {
  it('evaluates daily samples with no look-ahead; breaches recompute from the closes', () => {
    const params = {
      candles: { BTC: btc, ETH: eth },
      collateral: { BTC: 50, ETH: 50 },
      debt: {},
      debtUsd: 60,
      slipAt: { BTC: () => 0.001, ETH: () => 0.002 },
      isolatedLtAt: { BTC: () => 8500, ETH: () => 8000 },
      options: { stride: 2 },
      minScenarioDays: 30,
    };
    const full = backtestPortfolio(params);
    expect(full.portfolio.samples).toBeGreaterThan(50);
    const closeAt = (c: readonly Candle[]) => new Map(c.map((x) => [x[0], x[4]]));
    const b = closeAt(btc);
    const e = closeAt(eth);
    for (const s of full.samples) {
      let min = Number.POSITIVE_INFINITY;
      for (let h = 1; h <= 24; h++) {
        const ts = s.ts + h * 3_600_000;
        min = Math.min(min, 0.5 * (b.get(ts)! / b.get(s.ts)!) + 0.5 * (e.get(ts)! / e.get(s.ts)!));
      }
      const recovery = min * (1 - 0.0015);
      expect(s.recovery).toBeCloseTo(recovery, 12);
      expect(s.breach).toBe(recovery < s.ltBps / 10_000);
      expect(s.isolatedLtBps).toBe(8250);
    }
    // no look-ahead: a shorter history gives the same earlier samples
    const shorter = backtestPortfolio({
      ...params,
      candles: { BTC: btc.slice(0, hours - 240), ETH: eth.slice(0, hours - 240) },
    });
    expect(full.samples.slice(0, shorter.samples.length - 1)).toEqual(shorter.samples.slice(0, -1));
  });
});

describe('ballast portfolio', () => {
  it('prints isolated and portfolio margin for a position, and a backtest on request', () => {
    const positions = write('p.json', { name: 'test', collateral: { BTC: 1, ETH: 1 }, debt: { USD: 100 } });
    const out = runPortfolioCommand({
      positions,
      candlesDir: dir,
      backtest: true,
      stride: '6',
      minDays: '30',
    });
    expect(out.result.name).toBe('test');
    expect(out.backtest?.portfolio.samples).toBeGreaterThan(0);
    const text = formatPortfolio(out);
    expect(text).toMatch(/isolated: {2}LT .* required collateral/);
    expect(text).toMatch(/diversification credit/);
    expect(text).toMatch(/backtest .* breaches/);
  });

  it('refuses unknown assets, missing files and bad flags naming them', () => {
    expect(() =>
      runPortfolioCommand({ positions: write('d.json', { collateral: { DOGE: 1 } }), candlesDir: dir }),
    ).toThrow(/collateral\.DOGE: "DOGE" is not allowed; expected a configured asset/);
    expect(() => runPortfolioCommand({ positions: join(dir, 'missing.json'), candlesDir: dir })).toThrow(
      /--positions: cannot read/,
    );
    expect(() =>
      runPortfolioCommand({ positions: write('x.json', { collateral: { XRP: 1 } }), candlesDir: dir }),
    ).toThrow(/--candles-dir: no candles for XRP; tried/);
    expect(() =>
      runPortfolioCommand({
        positions: write('s.json', { collateral: { BTC: 1 } }),
        candlesDir: dir,
        backtest: true,
        stride: '0',
      }),
    ).toThrow(/--stride: "0" is not allowed/);
  });
});
