import type { Command } from 'commander';
import { InputError } from '../../errors/BallastError.js';
import { readStackState } from '../../localstack/stackState.js';
import { EnvironmentError } from '../errors.js';
import { loadAssetsConfigFile } from '../loadAssetsConfigFile.js';
import { parseAssetName } from '../options/parseAssetName.js';
import { parseDuration } from '../options/parseDuration.js';

const VENUES = ['binance', 'coinbase', 'kraken', 'okx', 'bybit'] as const;
const MODES = ['ok', 'down', 'slow', 'stale', 'garbage', 'manipulate'] as const;

/** `-20%`, `+5%`, `-0.2` → a fraction. */
function parsePercent(flag: string, value: string): number {
  const match = /^([+-]?\d+(?:\.\d+)?)(%?)$/.exec(value.trim());
  if (match === null) throw new InputError(`${flag}: "${value}" is not a percentage; use e.g. -20% or +5%`);
  const n = Number(match[1]);
  return match[2] === '%' ? n / 100 : n;
}

interface SimStatus {
  clock: { iso: string; replay: boolean };
  venues: Record<string, { kind: string; offsetPct?: number; delayMs?: number } | null>;
  shocks: Record<string, { pct: number; startMs: number; overMs: number }[]>;
}

/** Calls the running stack's exchange simulator; a missing stack or a silent simulator is an environment problem. */
async function simRequest(path: string, body?: unknown): Promise<SimStatus> {
  const state = readStackState();
  let response: Response;
  try {
    response = await fetch(`${state.exchange.baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(5_000),
    });
  } catch (error) {
    throw new EnvironmentError(
      `the exchange simulator at ${state.exchange.baseUrl} did not answer (${(error as Error).message})`,
      {
        cause: error,
        fix: 'check the stack with `npx ballast stack status`; restart it with `stack down` and `stack up`',
      },
    );
  }
  const answer = (await response.json()) as SimStatus & { error?: string };
  if (!response.ok) throw new InputError(`sim: ${answer.error ?? `HTTP ${response.status}`}`);
  return answer;
}

function describe(status: SimStatus): string {
  const venues = Object.entries(status.venues).map(([venue, fault]) => {
    if (fault === null) return `  ${venue.padEnd(9)} ok`;
    const detail =
      fault.kind === 'offPrice'
        ? `manipulated ${((fault.offsetPct ?? 0.05) * 100).toFixed(1)}%`
        : fault.kind === 'slow'
          ? `slow (${fault.delayMs ?? 2000} ms)`
          : ({ serverError: 'down', staleTimestamp: 'stale', truncatedJson: 'garbage' }[fault.kind] ??
            fault.kind);
    return `  ${venue.padEnd(9)} ${detail}`;
  });
  const shocks = Object.entries(status.shocks).flatMap(([asset, list]) =>
    list.map(
      (s) =>
        `  ${asset.padEnd(9)} ${(s.pct * 100).toFixed(1)}% from ${new Date(s.startMs).toISOString()}${s.overMs > 0 ? ` over ${s.overMs / 60_000} min` : ''}`,
    ),
  );
  return [
    `simulated time ${status.clock.iso}${status.clock.replay ? ' (replay)' : ''}`,
    'venues:',
    ...venues,
    `shocks:${shocks.length === 0 ? ' none' : ''}`,
    ...shocks,
  ].join('\n');
}

export function registerSimCommand(program: Command): void {
  const sim = program
    .command('sim')
    .description("the running stack's exchange simulator: price shocks, venue faults, status");

  sim
    .command('shock <asset> <move>')
    .description("move an asset's price on every venue, e.g. `sim shock BTC -20% --over 2h`")
    .option('--over <duration>', 'reach the move linearly over this long (default: at once)')
    // `-20%` is an argument, not an option.
    .allowUnknownOption()
    .option('--config <file>', 'assets config file')
    .action(async (assetText: string, move: string, options: { over?: string; config?: string }) => {
      const asset = parseAssetName('sim shock', assetText, loadAssetsConfigFile(options.config));
      const pct = parsePercent('sim shock', move);
      if (!(pct > -1 && pct <= 10))
        throw new InputError(
          `sim shock: "${move}" is not allowed; a move must be above -100% and at most +1000%`,
        );
      const overMs = options.over === undefined ? 0 : parseDuration('--over', options.over);
      console.log(describe(await simRequest('/sim/shock', { asset, pct, overMs })));
    });

  sim
    .command('venue <venue> <mode> [amount]')
    .description(
      `break a venue: ${MODES.join('|')} (manipulate takes a percentage, e.g. 5%; slow a delay, e.g. 3s)`,
    )
    .action(async (venueText: string, modeText: string, amountText: string | undefined) => {
      const venue = VENUES.find((v) => v === venueText.toLowerCase());
      if (venue === undefined)
        throw new InputError(
          `sim venue: "${venueText}" is not a venue; expected one of ${VENUES.join(', ')}`,
        );
      const mode = MODES.find((m) => m === modeText.toLowerCase());
      if (mode === undefined)
        throw new InputError(`sim venue: "${modeText}" is not a mode; expected one of ${MODES.join(', ')}`);
      let amount: number | undefined;
      if (amountText !== undefined) {
        if (mode === 'manipulate') amount = Math.abs(parsePercent('sim venue', amountText));
        else if (mode === 'slow') amount = parseDuration('sim venue', amountText);
        else throw new InputError(`sim venue: mode ${mode} takes no amount (got "${amountText}")`);
      }
      console.log(
        describe(
          await simRequest(`/sim/venue/${venue}`, { mode, ...(amount === undefined ? {} : { amount }) }),
        ),
      );
    });

  sim
    .command('reset')
    .description('clear every shock and venue fault')
    .action(async () => {
      console.log(describe(await simRequest('/sim/reset', {})));
    });

  sim
    .command('status')
    .description('simulated time, venue faults and shocks')
    .action(async () => {
      console.log(describe(await simRequest('/sim/status')));
    });
}
