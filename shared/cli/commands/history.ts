import { riskConfigOf } from '../../config/riskConfigOf.js';
import { riskIds } from '../../config/riskIds.js';
import type { Command } from 'commander';
import { addStoreOptions } from '../options/addStoreOptions.js';
import { parseTimeFlag } from '../options/parseTimeFlag.js';
import { resolveApiContext, type StoreOptions } from '../resolveApiContext.js';
import { toRecordSummary, type RecordSummary } from '../../api/toRecordSummary.js';
import { InputError } from '../../errors/BallastError.js';
import { HistoryQueryError } from '../../store/errors.js';
import { queryRecordHistory } from '../../store/queryRecordHistory.js';
import { loadAssetsConfigFile } from '../loadAssetsConfigFile.js';

const FORMATS = ['table', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface HistoryOptions extends StoreOptions {
  readonly from?: string;
  readonly to?: string;
  readonly format: string;
  readonly config?: string;
}

const COLUMNS: readonly (readonly [header: string, value: (r: RecordSummary) => string])[] = [
  ['collectedAt', (r) => r.collectedAt],
  ['asOf', (r) => r.asOf],
  ['viBps', (r) => String(r.volIndexBps)],
  ['ltvBps', (r) => String(r.ltvBps)],
  ['ltBps', (r) => String(r.ltBps)],
  ['lbBps', (r) => String(r.lbBps)],
  ['publish', (r) => (r.publishDue ? r.publishReason : '-')],
  ['degraded', (r) => (r.degraded ? 'yes' : '')],
  ['frozen', (r) => (r.frozen ? 'yes' : '')],
  ['round', (r) => r.round ?? ''],
  ['txHash', (r) => r.txHash ?? ''],
  ['recordHash', (r) => r.recordHash],
];

/** RFC 4180: quote a field holding a comma, quote or line break, doubling quotes. */
const csvField = (value: string): string =>
  /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

function render(rows: readonly RecordSummary[], format: Format): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const cells = rows.map((row) => COLUMNS.map(([, value]) => value(row)));
  if (format === 'csv')
    return [COLUMNS.map(([h]) => h), ...cells].map((line) => line.map(csvField).join(',')).join('\n') + '\n';
  // The table shortens hashes; csv and json carry them whole.
  const short = cells.map((line) =>
    line.map((cell, i) =>
      (COLUMNS[i]?.[0] === 'txHash' || COLUMNS[i]?.[0] === 'recordHash') && cell.length > 14
        ? `${cell.slice(0, 10)}…`
        : cell,
    ),
  );
  const widths = COLUMNS.map(([h], i) => Math.max(h.length, ...short.map((line) => line[i]?.length ?? 0)));
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return (
    [line(COLUMNS.map(([h]) => h)), line(widths.map((w) => '-'.repeat(w))), ...short.map(line)].join('\n') +
    `\n${rows.length} record(s)\n`
  );
}

/** `ballast history ASSET [--from --to] [--format table|csv|json]`: every record of an asset in a time window. */
export function registerHistoryCommand(program: Command): void {
  addStoreOptions(
    program
      .command('history')
      .description("an asset's risk records (published parameters, reasons to publish, rounds) over time")
      .argument('<asset>', 'asset name, e.g. BTC, or a pair C/D, e.g. ETH/BTC')
      .option('--from <time>', 'first collection time: ISO-8601 with a zone, or epoch ms')
      .option('--to <time>', 'last collection time: ISO-8601 with a zone, or epoch ms')
      .option('--format <format>', `output: ${FORMATS.join(', ')}`, 'table'),
  ).action(async (asset: string, options: HistoryOptions) => {
    if (!(FORMATS as readonly string[]).includes(options.format)) {
      throw new InputError(
        `--format: "${options.format}" is not allowed; expected one of ${FORMATS.join(', ')}`,
      );
    }
    const name = asset.toUpperCase();
    if (!/^[A-Z0-9]{2,11}(\/[A-Z0-9]{2,11})?$/.test(name))
      throw new InputError(
        `ASSET: "${asset}" is not an asset name; expected 2–11 letters or digits, e.g. BTC, or a pair C/D, e.g. ETH/BTC`,
      );
    const from = parseTimeFlag('--from', options.from);
    const to = parseTimeFlag('--to', options.to);
    const { context } = resolveApiContext(options, loadAssetsConfigFile(options.config));
    const rows: RecordSummary[] = [];
    let cursor: string | undefined;
    try {
      do {
        const page = await queryRecordHistory(context.dynamo, context.tables, {
          asset: name,
          limit: 1_000,
          ...(from === undefined ? {} : { from }),
          ...(to === undefined ? {} : { to }),
          ...(cursor === undefined ? {} : { cursor }),
        });
        rows.push(...page.items.map(toRecordSummary));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
    } catch (error) {
      if (error instanceof HistoryQueryError) throw new InputError(`--${error.message}`);
      throw error;
    }
    if (rows.length === 0 && riskConfigOf(context.config, name) === undefined) {
      throw new InputError(
        `ASSET: "${name}" has no records and is not configured; configured assets and pairs are ${riskIds(context.config).join(', ')}`,
      );
    }
    process.stdout.write(render(rows, options.format as Format));
  });
}
