import { riskIds } from '../../config/riskIds.js';
import { oracleKey } from '../../store/oracleKey.js';
import { accessSync, constants, writeFileSync } from 'node:fs';
import { makeDirectory } from '../../core/makeDirectory.js';
import { dirname, join, resolve } from 'node:path';
import { ReportWriteError } from '../../report/errors.js';
import type { Command } from 'commander';
import { addStoreOptions } from '../options/addStoreOptions.js';
import { resolveApiContext, type StoreOptions } from '../resolveApiContext.js';
import { InputError } from '../../errors/BallastError.js';
import { loadReportData } from '../../report/loadReportData.js';
import { renderGovernanceReport } from '../../report/renderGovernanceReport.js';
import { loadAssetsConfigFile } from '../loadAssetsConfigFile.js';
import { parseTimeFlag } from '../options/parseTimeFlag.js';

interface ReportOptions extends StoreOptions {
  readonly asset?: string;
  readonly from?: string;
  readonly to?: string;
  readonly out: string;
  readonly config?: string;
}

/** `ballast report [--asset A] [--from --to] --out report.html`: the self-contained governance report. */
export function registerReportCommand(program: Command): void {
  addStoreOptions(
    program
      .command('report')
      .description(
        'write the governance report: per asset, VI/LTV/LT/LB over time, publications, degraded periods, clamps and freezes',
      )
      .option('--out <file>', 'HTML file to write', join('.ballast', 'report.html'))
      .option(
        '--asset <assets>',
        'comma-separated assets (default: every configured asset and every asset with history)',
      )
      .option('--from <time>', 'first collection time: ISO-8601 with a zone, or epoch ms')
      .option('--to <time>', 'last collection time: ISO-8601 with a zone, or epoch ms')
      .option(
        '--chain-id <id>',
        'one target chain (its id, or its name on a local stack); default: every chain, each with its status',
      ),
  ).action(async (options: ReportOptions) => {
    const from = parseTimeFlag('--from', options.from);
    const to = parseTimeFlag('--to', options.to);
    if (from !== undefined && to !== undefined && from > to)
      throw new InputError(`--from: ${options.from} is after --to (${options.to}); expected from <= to`);
    const assets = options.asset
      ?.split(',')
      .map((name) => name.trim().toUpperCase())
      .filter((name) => name.length > 0);
    for (const name of assets ?? []) {
      if (!/^[A-Z0-9]{2,11}(\/[A-Z0-9]{2,11})?$/.test(name))
        throw new InputError(
          `--asset: "${name}" is not an asset name; expected 2–11 letters or digits, e.g. BTC, or a pair C/D, e.g. ETH/BTC`,
        );
    }
    if (!/\.html?$/i.test(options.out)) throw new InputError(`--out: "${options.out}" should end in .html`);
    // Checked before anything is read, so an unwritable --out fails at once (exit 3), not after the data.
    const file = resolve(options.out);
    writeOrFail(file, () => {
      makeDirectory(dirname(file));
      accessSync(dirname(file), constants.W_OK);
    });
    const { context, chains } = resolveApiContext(options, loadAssetsConfigFile(options.config));
    const data = await loadReportData(context.dynamo, context.tables, {
      configured: riskIds(context.config),
      ...(assets === undefined ? {} : { assets }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      now: Date.now(),
      source: `${context.tables.parameters}`,
      ...(context.oracle === undefined
        ? {}
        : { oracle: oracleKey(context.oracle.chainId, context.oracle.address) }),
      chains,
    });
    const html = renderGovernanceReport(data);
    writeOrFail(file, () => writeFileSync(file, html));
    const records = data.assets.reduce((n, a) => n + a.records.length, 0);
    console.log(
      `wrote ${file} (${(html.length / 1024).toFixed(0)} KB): ${data.assets.length} asset(s), ${records} record(s)`,
    );
  });
}

/** Runs a write to --out; any failure is one ReportWriteError naming --out and the path. */
function writeOrFail(file: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    throw new ReportWriteError(
      `--out: cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      { cause: error, fix: 'choose a path you can write, e.g. the default .ballast/report.html' },
    );
  }
}
