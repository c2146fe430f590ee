import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../../shared/core/time.js';
import { renderDeribitDvol } from '../../../../shared/localstack/exchangeSim/renderDeribitDvol.js';
import { ImpliedVolError } from '../../../../shared/market/errors.js';
import { parseDeribitDvol } from '../../../../shared/market/impliedVol/parseDeribitDvol.js';
import { syntheticCandles } from '../../../fixtures/risk/syntheticCandles.js';

const T = 1_733_000_400_000 - (1_733_000_400_000 % HOUR_MS);

describe('Deribit DVOL (docs/methodology.md §3.7)', () => {
  it('reads the latest hourly close of a well-formed body', () => {
    const body = {
      jsonrpc: '2.0',
      result: {
        data: [
          [T - HOUR_MS, 52.1, 53, 51.8, 52.6],
          [T, 52.6, 54.2, 52.4, 53.9],
        ],
        continuation: null,
      },
      usIn: 1,
      usOut: 2,
    };
    expect(parseDeribitDvol(body)).toEqual({ source: 'deribit:DVOL', index: 53.9, ts: T });
  });

  it('rejects an error envelope, a field off the schema (naming its path) and an empty window', () => {
    expect(() =>
      parseDeribitDvol({ jsonrpc: '2.0', error: { code: 10020, message: 'invalid currency' } }),
    ).toThrow(/returned error 10020: invalid currency/);
    expect(() =>
      parseDeribitDvol({ jsonrpc: '2.0', result: { data: [[T, 1, 2, 3, '4']], continuation: null } }),
    ).toThrow(/invalid response at \$\.result\.data\[0\]\[4\]/);
    expect(() => parseDeribitDvol({ jsonrpc: '2.0', result: { data: [], continuation: null } })).toThrow(
      ImpliedVolError,
    );
  });

  it("the simulator's route serves bodies the strict parser accepts, and Deribit's error for other currencies", () => {
    const candles = syntheticCandles({ seed: 2, hours: 400 });
    const end = candles[candles.length - 1]![0] + HOUR_MS;
    const query = new URLSearchParams({
      currency: 'BTC',
      start_timestamp: String(end - 3 * HOUR_MS),
      end_timestamp: String(end),
      resolution: '3600',
    });
    const ok = renderDeribitDvol({ query, candlesFor: () => candles });
    expect(ok.status).toBe(200);
    const iv = parseDeribitDvol(ok.body);
    expect(iv.ts).toBe(end);
    expect(iv.index).toBeGreaterThan(0);
    query.set('currency', 'SOL');
    const bad = renderDeribitDvol({ query, candlesFor: () => candles });
    expect(bad.status).toBe(400);
    expect(() => parseDeribitDvol(bad.body)).toThrow(/invalid currency SOL/);
  });
});
