import type { Command } from 'commander';
import { addStoreOptions } from '../options/addStoreOptions.js';
import { MAX_ROUND } from '../../api/parameterSchemas.js';
import { resolveApiContext, type StoreOptions } from '../resolveApiContext.js';
import { buildAuditBundle } from '../../audit/buildAuditBundle.js';
import { diffRounds, PARAMS, type RoundDiff } from '../../audit/diffRounds.js';
import { InputError } from '../../errors/BallastError.js';
import { loadAssetsConfigFile } from '../loadAssetsConfigFile.js';

interface DiffOptions extends StoreOptions {
  readonly format: string;
  readonly config?: string;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(':00.000Z', 'Z');
const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));
const number = (v: number | string | null): string =>
  typeof v === 'number' ? Number(v.toPrecision(6)).toString() : String(v);

function parseRound(flag: string, value: string): string {
  if (!/^[1-9]\d{0,19}$/.test(value) || BigInt(value) > MAX_ROUND) {
    throw new InputError(
      `${flag}: "${value}" is not a round; expected a whole number from 1 to ${MAX_ROUND}`,
    );
  }
  return value;
}

/** Text form of a RoundDiff: parameters, the attribution table, inputs, intermediates, flags, reasons. */
function renderDiff(diff: RoundDiff): string {
  const out: string[] = [];
  const { a, b } = diff;
  out.push(
    `${diff.asset}: round ${a.round} (asOf ${iso(a.asOf)}) → round ${b.round} (asOf ${iso(b.asOf)})`,
    '',
  );
  out.push(
    `  ${'parameter'.padEnd(12)} ${`round ${a.round}`.padStart(10)} ${`round ${b.round}`.padStart(10)} ${'change'.padStart(8)}`,
  );
  for (const p of diff.params)
    out.push(
      `  ${p.param.padEnd(12)} ${String(p.a).padStart(10)} ${String(p.b).padStart(10)} ${signed(p.deltaBps).padStart(8)}`,
    );
  out.push('', 'what drove it (bp; history + book + control = change):');
  if ('unavailable' in diff.attribution) out.push(`  not available: ${diff.attribution.unavailable}`);
  else {
    out.push(`  ${''.padEnd(34)} ${PARAMS.map((p) => p.padStart(12)).join('')}`);
    const rows = [
      ['candle history, volume, APC memory', diff.attribution.history],
      ['order book (liquidity, slippage)', diff.attribution.book],
      ['control layer (limits, ramps)', diff.attribution.control],
    ] as const;
    for (const [label, deltas] of rows)
      out.push(`  ${label.padEnd(34)} ${PARAMS.map((p) => signed(deltas[p]).padStart(12)).join('')}`);
  }
  const pct = (x: number | null, y: number | null): string =>
    x === null || y === null || x === 0 ? '' : ` (${signed(Number((((y - x) / x) * 100).toFixed(2)))}%)`;
  const { inputs } = diff;
  out.push('', 'inputs:');
  out.push(
    `  reference price  ${number(inputs.referencePrice[0])} → ${number(inputs.referencePrice[1])}${pct(...inputs.referencePrice)}`,
  );
  out.push(
    `  last close       ${number(inputs.lastClose[0])} → ${number(inputs.lastClose[1])}${pct(...inputs.lastClose)}`,
  );
  out.push(`  candles          ${inputs.candles[0]} → ${inputs.candles[1]} (${inputs.newCandles} new)`);
  out.push(
    `  degraded         ${inputs.degraded[0] ? 'yes' : 'no'} → ${inputs.degraded[1] ? 'yes' : 'no'}${inputs.qualityReasonsB.length === 0 ? '' : ` (${inputs.qualityReasonsB.join('; ')})`}`,
  );
  if (diff.configChanged) out.push('  config           CHANGED between the rounds');
  if (diff.modelChanged) out.push('  model version    CHANGED between the rounds');
  out.push('', 'intermediates (largest relative change first):');
  if (diff.intermediates.length === 0) out.push('  none changed');
  for (const item of diff.intermediates.slice(0, 15)) {
    const rel =
      item.relativeChange === null ? '' : ` (${signed(Number((item.relativeChange * 100).toFixed(1)))}%)`;
    out.push(`  ${item.name.padEnd(18)} ${number(item.a)} → ${number(item.b)}${rel}`);
  }
  if (diff.flags.length > 0) {
    out.push('', 'flags:');
    for (const f of diff.flags) out.push(`  ${f.flag.padEnd(22)} ${f.a} → ${f.b}`);
  }
  out.push('', `reasons in round ${b.round}:`);
  if (diff.reasonsB.length === 0) out.push('  none');
  for (const r of diff.reasonsB) {
    const move = r.from === undefined || r.to === undefined ? '' : ` ${r.param ?? ''} ${r.from}→${r.to}`;
    out.push(`  [${r.stage}] ${r.code}${move}: ${r.detail}`);
  }
  return `${out.join('\n')}\n`;
}

/** `ballast diff ASSET ROUND_A ROUND_B`: what changed for an asset between two rounds and which inputs drove it. */
export function registerDiffCommand(program: Command): void {
  addStoreOptions(
    program
      .command('diff')
      .description('what changed for an asset between two rounds, and which inputs drove it')
      .argument('<asset>', 'asset name, e.g. BTC, or a pair C/D, e.g. ETH/BTC')
      .argument('<roundA>', 'earlier round')
      .argument('<roundB>', 'later round')
      .option('--oracle <address>', 'RiskOracle address (default: the stack’s, else $BALLAST_ORACLE_ADDRESS)')
      .option('--chain-id <id>', 'chain id (default: the stack’s, else $BALLAST_CHAIN_ID)')
      .option('--format <format>', 'text or json', 'text'),
  ).action(async (asset: string, roundA: string, roundB: string, options: DiffOptions) => {
    if (options.format !== 'text' && options.format !== 'json')
      throw new InputError(`--format: "${options.format}" is not allowed; expected text or json`);
    const a = parseRound('ROUND_A', roundA);
    const b = parseRound('ROUND_B', roundB);
    const { context } = resolveApiContext(options, loadAssetsConfigFile(options.config));
    const { oracle } = context;
    if (oracle === undefined)
      throw new InputError(
        '--oracle and --chain-id are required (or --local, or BALLAST_ORACLE_ADDRESS and BALLAST_CHAIN_ID)',
      );
    const build = (round: string) =>
      buildAuditBundle(context.dynamo, context.tables, {
        oracle,
        round,
        configs: [context.config],
        now: Date.now(),
      });
    const [bundleA, bundleB] = await Promise.all([build(a), build(b)]);
    const diff = diffRounds(bundleA, bundleB, asset.toUpperCase());
    process.stdout.write(options.format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : renderDiff(diff));
  });
}
