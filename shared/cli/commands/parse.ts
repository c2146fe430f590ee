import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../../errors/BallastError.js';
import { assetsConfigSchema } from '../../config/assetsConfig.js';
import { MarketDataError } from '../../market/errors.js';
import { VENUE_IDS, type VenueId } from '../../core/venues.js';
import { parseJsonText } from '../../market/venues/parseJsonText.js';
import { VENUE_ADAPTERS } from '../../market/venues/venueAdapters.js';
import { DEFAULT_ASSETS_CONFIG_FILE } from '../../config/defaultAssetsConfigFile.js';
import { EXIT_CODES } from '../exitCodes.js';

const KINDS = ['orderbook', 'candles', 'ticker'] as const;
type Kind = (typeof KINDS)[number];

/** Streams the command reads and writes; tests pass their own. */
export interface ParseCommandIo {
  readonly readStdin: () => Promise<string>;
  readonly write: (text: string) => void;
}

const processIo: ParseCommandIo = {
  readStdin: async () => {
    if (process.stdin.isTTY === true)
      throw new InputError(
        'parse reads a venue response body on stdin, and stdin is a terminal (nothing piped in)',
        {
          fix: 'pipe one REST response in, e.g. `curl -s "https://api.binance.com/api/v3/depth?symbol=BTCUSDT" | npx ballast parse binance orderbook`; the Bybit sample in ../shared/data/orderbook is websocket data (one JSON message per line, snapshot then deltas), not a REST body, so it does not parse as one',
        },
      );
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  write: (text) => process.stdout.write(text),
};

/**
 * `ballast parse <venue> <orderbook|candles|ticker> [--symbol S]`: reads one raw venue response body
 * on stdin and prints the canonical JSON on stdout — books `{"bids":[[price,size],…],"asks":[…],"ts":…}`,
 * candles `[[ts,open,high,low,close,volume],…]`, tickers `{"bid":…,"ask":…,"last":…,"ts":…}`.
 * A body that is not valid for that venue and kind (or an error body): one line on stderr, exit 2.
 * `--symbol` must be a market of that venue in the asset config.
 */
export function registerParseCommand(program: Command, io: ParseCommandIo = processIo): void {
  program
    .command('parse')
    .description('parse a raw venue response body (stdin) into canonical JSON (stdout)')
    .argument('<venue>', `venue: ${VENUE_IDS.join(', ')}`)
    .argument('<kind>', `what the body is: ${KINDS.join(', ')}`)
    .option(
      '--symbol <symbol>',
      "the venue's market symbol the body is for (checked against the asset config)",
    )
    .option(
      '--received-at <ms>',
      'receipt time in ms UTC, used when the venue sends no timestamp (default: now)',
    )
    .option('--config <file>', 'assets configuration JSON', DEFAULT_ASSETS_CONFIG_FILE)
    .action(
      async (
        venueArg: string,
        kindArg: string,
        options: { symbol?: string; receivedAt?: string; config: string },
        cmd: Command,
      ) => {
        const fail = (message: string): never =>
          cmd.error(`ballast parse: ${message}`, { exitCode: EXIT_CODES.input, code: 'ballast.parse' });
        const venue = VENUE_IDS.find((v) => v === venueArg);
        if (venue === undefined)
          fail(`venue ${JSON.stringify(venueArg)} is not supported; use one of ${VENUE_IDS.join(', ')}`);
        const kind = KINDS.find((k) => k === kindArg);
        if (kind === undefined)
          fail(`kind ${JSON.stringify(kindArg)} is not supported; use one of ${KINDS.join(', ')}`);
        const receivedAt = options.receivedAt === undefined ? Date.now() : Number(options.receivedAt);
        if (!Number.isSafeInteger(receivedAt) || receivedAt < 0) {
          fail(
            `--received-at ${JSON.stringify(options.receivedAt)} is not a time in ms; use a non-negative integer`,
          );
        }
        if (options.symbol !== undefined) checkSymbol(venue!, options.symbol, options.config, fail);
        const text = await io.readStdin();
        const stream = websocketTopic(text);
        if (stream !== undefined)
          fail(
            `stdin is websocket data (topic ${JSON.stringify(stream)}: one JSON message per line, a snapshot then deltas), not a REST response body; pipe in one REST response, e.g. \`curl -s "https://api.bybit.com/v5/market/orderbook?category=spot&symbol=XRPUSDT&limit=200" | npx ballast parse bybit orderbook\``,
          );
        try {
          const body = parseJsonText({ venue: venue!, endpoint: kind!, text });
          io.write(`${JSON.stringify(parseKind(venue!, kind!, body, receivedAt))}\n`);
        } catch (error) {
          if (error instanceof MarketDataError) fail(error.message.split('\n')[0]!);
          throw error;
        }
      },
    );
}

/**
 * The topic of websocket stream data (e.g. the Bybit sample in ../shared/data/orderbook: JSON
 * lines `{"topic":"orderbook.500.XRPUSDT","type":"snapshot"|"delta",...}`), or undefined.
 */
function websocketTopic(text: string): string | undefined {
  const first = text.trimStart().split('\n', 1)[0] ?? '';
  try {
    const message: unknown = JSON.parse(first);
    if (typeof message !== 'object' || message === null) return undefined;
    const { topic, type } = message as { topic?: unknown; type?: unknown };
    return typeof topic === 'string' && (type === 'snapshot' || type === 'delta') ? topic : undefined;
  } catch {
    return undefined;
  }
}

function parseKind(venue: VenueId, kind: Kind, body: unknown, receivedAt: number): unknown {
  const adapter = VENUE_ADAPTERS[venue];
  switch (kind) {
    case 'orderbook':
      return adapter.parseOrderBook(body, { receivedAt });
    case 'candles':
      return adapter.parseCandles(body, { receivedAt });
    case 'ticker':
      return adapter.parseTicker(body, { receivedAt });
  }
}

function checkSymbol(venue: VenueId, symbol: string, configPath: string, fail: (m: string) => never): void {
  let config;
  try {
    config = assetsConfigSchema.parse(JSON.parse(readFileSync(configPath, 'utf8')));
  } catch (error) {
    fail(`--config ${configPath}: ${(error as Error).message.split('\n')[0]}`);
  }
  const known = Object.values(config!.assets).flatMap((a) =>
    a.venues.filter((m) => m.venue === venue).map((m) => m.symbol),
  );
  if (!known.includes(symbol)) {
    fail(
      `--symbol ${JSON.stringify(symbol)} is not a ${venue} market in ${configPath}; configured: ${known.join(', ')}`,
    );
  }
}
