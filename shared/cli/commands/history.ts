import { riskConfigOf } from '../../config/riskConfigOf.js';
import { riskIds } from '../../config/riskIds.js';
import type { Command } from 'commander';
import { addStoreOptions } from '../options/addStoreOptions.js';
import { parseTimeFlag } from '../options/parseTimeFlag.js';
import { resolveApiContext, type StoreOptions } from '../resolveApiContext.js';
import type { ReadChain } from '../../api/ApiContext.js';
import { toRecordSummary, type RecordSummary } from '../../api/toRecordSummary.js';
import type { RecordChainStatus } from '../../store/recordChainStatus.js';
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

type Column = readonly [header: string, value: (r: RecordSummary) => string];

const COLUMNS: readonly Column[] = [
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

const chainOf = (r: RecordSummary, chainId: number): RecordChainStatus | undefined =>
  r.chains.find((c) => c.chainId === chainId);

/** CSV: five columns per chain (`status@31338`, `round@31338`, `txHash@…`, `block@…`, `error@…`). */
function csvChainColumns(chains: readonly ReadChain[]): Column[] {
  return chains.flatMap(({ chainId }): Column[] => [
    [`status@${chainId}`, (r) => chainOf(r, chainId)?.status ?? ''],
    [`round@${chainId}`, (r) => chainOf(r, chainId)?.round ?? ''],
    [`txHash@${chainId}`, (r) => chainOf(r, chainId)?.txHash ?? ''],
    [`block@${chainId}`, (r) => String(chainOf(r, chainId)?.blockNumber ?? '')],
    [`error@${chainId}`, (r) => chainOf(r, chainId)?.error ?? ''],
  ]);
}

/** Table: one column per chain, named after it: `round 3 (block 12)`, `failed: reason`, `pending`, `-`. */
function tableChainColumns(chains: readonly ReadChain[]): Column[] {
  return chains.map(({ name, chainId }): Column => [
    name,
    (r) => {
      const c = chainOf(r, chainId);
      if (c === undefined || c.status === 'not-due') return '-';
      if (c.status === 'published')
        return `round ${c.round ?? '?'}${c.blockNumber === null ? '' : ` (block ${c.blockNumber})`}`;
      if (c.status === 'failed') {
        const error = c.error ?? '';
        return `failed: ${error.length > 40 ? `${error.slice(0, 40)}…` : error}`;
      }
      return 'pending';
    },
  ]);
}

function render(rows: readonly RecordSummary[], format: Format, chains: readonly ReadChain[]): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const columns =
    format === 'csv'
      ? [...COLUMNS, ...csvChainColumns(chains)]
      : [...COLUMNS.filter(([h]) => h !== 'round' && h !== 'txHash'), ...tableChainColumns(chains)];
  const cells = rows.map((row) => columns.map(([, value]) => value(row)));
  if (format === 'csv')
    return [columns.map(([h]) => h), ...cells].map((line) => line.map(csvField).join(',')).join('\n') + '\n';
  // The table shortens hashes; csv and json carry them whole.
  const short = cells.map((line) =>
    line.map((cell, i) =>
      columns[i]?.[0] === 'recordHash' && cell.length > 14 ? `${cell.slice(0, 10)}…` : cell,
    ),
  );
  const widths = columns.map(([h], i) => Math.max(h.length, ...short.map((line) => line[i]?.length ?? 0)));
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return (
    [line(columns.map(([h]) => h)), line(widths.map((w) => '-'.repeat(w))), ...short.map(line)].join('\n') +
    `\n${rows.length} record(s)\n`
  );
}

/**
 * `ballast history ASSET [--from --to] [--chain-id ID] [--format table|csv|json]`: every record of
 * an asset in a time window, with what became of it on each target chain (docs/multi-chain.md).
 */
export function registerHistoryCommand(program: Command): void {
  addStoreOptions(
    program
      .command('history')
      .description("an asset's risk records (published parameters, reasons to publish, rounds) over time")
      .argument('<asset>', 'asset name, e.g. BTC, or a pair C/D, e.g. ETH/BTC')
      .option('--from <time>', 'first collection time: ISO-8601 with a zone, or epoch ms')
      .option('--to <time>', 'last collection time: ISO-8601 with a zone, or epoch ms')
      .option(
        '--chain-id <id>',
        'one target chain (its id, or its name on a local stack); default: every chain, one status column each',
      )
      .option(
        '--oracle <address>',
        'the RiskOracle of --chain-id (default: the stack’s, else $BALLAST_ORACLE_ADDRESS)',
      )
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
    const { context, chains } = resolveApiContext(options, loadAssetsConfigFile(options.config));
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
          chainIds: chains.map((c) => c.chainId),
        });
        rows.push(...page.items.map((item) => toRecordSummary(item, chains)));
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
    process.stdout.write(render(rows, options.format as Format, chains));
  });
}
