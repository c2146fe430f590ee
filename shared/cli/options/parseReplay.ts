import { DAY_MS } from '../../core/time.js';
import { InputError } from '../../errors/BallastError.js';

/** A stretch of history to replay, ms UTC. */
export interface ReplayWindow {
  readonly fromMs: number;
  readonly toMs: number;
  /** The scenario's name when one was given. */
  readonly name?: string;
}

/**
 * Named crashes (`--replay luna-2022`). Each window starts a few days before the fall, so the
 * parameters have a calm level to fall from, and ends after the rebound.
 */
export const REPLAY_SCENARIOS: Readonly<Record<string, { from: string; to: string; what: string }>> = {
  'covid-2020': { from: '2020-03-05', to: '2020-03-25', what: 'COVID crash, 12 March 2020' },
  'luna-2022': { from: '2022-05-04', to: '2022-05-20', what: 'Terra/LUNA collapse, 7-13 May 2022' },
  'ftx-2022': { from: '2022-11-04', to: '2022-11-18', what: 'FTX collapse, 6-11 November 2022' },
  'aug-2024': { from: '2024-07-31', to: '2024-08-12', what: 'yen carry-trade unwind, 5 August 2024' },
};

/** @default replay length when only FROM is given */
const DEFAULT_REPLAY_DAYS = 7;

function parseTime(flag: string, text: string): number {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
  const ms = /\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(iso) ? Date.parse(iso) : Number.NaN;
  if (!Number.isFinite(ms))
    throw new InputError(
      `${flag}: "${text}" is not a date; use YYYY-MM-DD or an ISO-8601 time with a zone (e.g. 2022-05-07T12:00Z), or a scenario: ${Object.keys(REPLAY_SCENARIOS).join(', ')}`,
    );
  return ms;
}

/**
 * Parses `--replay`: a scenario name (case-insensitive), or `FROM[..TO]` dates. Without TO, seven
 * days. The window is checked against what the candle data covers (`coverage`, ms UTC of the first
 * and last candle shared by every replayed asset): a window outside it is bad input, never faked.
 */
export function parseReplay(
  flag: string,
  value: string,
  coverage: { readonly fromMs: number; readonly toMs: number; readonly source: string },
): ReplayWindow {
  const text = value.trim();
  const scenario = REPLAY_SCENARIOS[text.toLowerCase()];
  const [fromText, toText] = scenario === undefined ? text.split('..') : [scenario.from, scenario.to];
  const fromMs = parseTime(flag, fromText ?? '');
  const toMs =
    toText === undefined || toText === '' ? fromMs + DEFAULT_REPLAY_DAYS * DAY_MS : parseTime(flag, toText);
  if (!(toMs > fromMs)) throw new InputError(`${flag}: "${value}" ends before it starts`);
  // The engine needs its look-back window (180 days of hourly candles) before the first cycle.
  const firstUsable = coverage.fromMs + 180 * DAY_MS;
  if (fromMs < firstUsable || toMs > coverage.toMs) {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    throw new InputError(
      `${flag}: ${scenario === undefined ? `"${value}"` : `${text.toLowerCase()} (${scenario.what})`} is not covered by the candle data: ${coverage.source} runs ${day(coverage.fromMs)} to ${day(coverage.toMs)}, and a replay needs 180 days of history before it starts, so it can replay ${day(firstUsable)} to ${day(coverage.toMs)}`,
      { fix: 'pick a window inside that range, or give other candles with --data-dir' },
    );
  }
  return { fromMs, toMs, ...(scenario === undefined ? {} : { name: text.toLowerCase() }) };
}
