import type { Command } from 'commander';
import { addStoreOptions } from '../options/addStoreOptions.js';
import { MAX_ROUND } from '../../api/parameterSchemas.js';
import { resolveApiContext, type StoreOptions } from '../resolveApiContext.js';
import type { AuditBundle } from '../../audit/AuditBundle.js';
import { buildAuditBundle } from '../../audit/buildAuditBundle.js';
import type { ChainReader } from '../../audit/ChainReader.js';
import { createChainReader } from '../../audit/createChainReader.js';
import { formatVerifyResult } from '../../audit/formatVerifyResult.js';
import { readAuditBundle } from '../readAuditBundle.js';
import { VerificationFailedError } from '../../audit/errors.js';
import { verifyBundle } from '../../audit/verifyBundle.js';
import { VERIFY_CHECKS, type VerifyResult } from '../../audit/VerifyResult.js';
import { InputError } from '../../errors/BallastError.js';
import { StoredItemError } from '../../store/errors.js';
import { getPublication } from '../../store/getPublication.js';
import { getPublicationByTxHash } from '../../store/getPublicationByTxHash.js';
import { listPublications } from '../../store/listPublications.js';
import { oracleKey } from '../../store/oracleKey.js';
import { loadAssetsConfigFile } from '../loadAssetsConfigFile.js';
import type { ApiContext, ReadChain } from '../../api/ApiContext.js';
import { verifyCheckpointChain, type CheckpointChainResult } from '../../audit/verifyCheckpointChain.js';
import { riskConfigOf } from '../../config/riskConfigOf.js';
import { riskIds } from '../../config/riskIds.js';
import { listCheckpoints } from '../../store/listCheckpoints.js';

/** One round to prove, on its chain, loaded when its turn comes. */
interface RoundLoader {
  readonly round: string;
  readonly chain: ReadChain;
  /** The contract the round must belong to (the auditor's or the stack's); absent: the bundle's. */
  readonly expected: { readonly chainId: number; readonly address: string } | undefined;
  readonly load: () => Promise<AuditBundle>;
}

interface VerifyOptions extends StoreOptions {
  readonly round?: string;
  readonly tx?: string;
  readonly bundle?: string;
  readonly all?: boolean;
  readonly deep?: boolean | string;
  readonly format: string;
  readonly config?: string;
}

/**
 * `ballast verify (--round N | --tx HASH | --bundle FILE | --all) [--rpc URL]`: PASS/FAIL per
 * check for each round; `ballast verify --deep [ASSETS]`: each asset's checkpoint chain replayed
 * from the first candle (docs/methodology.md §8.4). Exits 1 when any check fails (2 for bad flags).
 */
export function registerVerifyCommand(program: Command): void {
  addStoreOptions(
    program
      .command('verify')
      .description(
        'prove a round: signatures by authorised signers, on-chain log = signed batch, inputs hash, identical recomputation',
      )
      .option('--round <n>', 'round number (reads DynamoDB)')
      .option('--tx <hash>', 'transaction hash of the round (reads DynamoDB)')
      .option('--bundle <file>', 'an audit bundle from `ballast export-bundle` (offline: no DynamoDB)')
      .option('--all', 'every round of the oracle (reads DynamoDB)')
      .option(
        '--deep [assets]',
        "replay each asset's engine checkpoint chain from the first candle and prove every link (all configured assets, or a comma list)",
      )
      .option(
        '--rpc <url>',
        'JSON-RPC URL to check the chain (default with --local: the stack’s anvil; without it the chain checks are skipped)',
      )
      .option(
        '--oracle <address>',
        'the RiskOracle the round must belong to (default: the stack’s, else the bundle’s)',
      )
      .option(
        '--chain-id <id>',
        'one chain: the chain id of --oracle, or a chain of the local stack (id or name); default: every chain the round was published to',
      )
      .option('--format <format>', 'text or json', 'text'),
  ).action(async (options: VerifyOptions) => {
    const modes = (['round', 'tx', 'bundle', 'all', 'deep'] as const).filter(
      (mode) => options[mode] !== undefined,
    );
    if (modes.length !== 1) {
      throw new InputError(
        `give exactly one of --round, --tx, --bundle, --all or --deep${modes.length > 1 ? `; got ${modes.map((m) => `--${m}`).join(' and ')}` : ''}`,
      );
    }
    if (options.format !== 'text' && options.format !== 'json')
      throw new InputError(`--format: "${options.format}" is not allowed; expected text or json`);
    if (
      options.round !== undefined &&
      (!/^[1-9]\d{0,19}$/.test(options.round) || BigInt(options.round) > MAX_ROUND)
    ) {
      throw new InputError(
        `--round: "${options.round}" is not a round; expected a whole number from 1 to ${MAX_ROUND}`,
      );
    }
    if (options.tx !== undefined && !/^0x[0-9a-fA-F]{64}$/.test(options.tx)) {
      throw new InputError(
        `--tx: "${options.tx}" is not a transaction hash; expected 0x followed by 64 hex digits`,
      );
    }
    const { context, rpcUrl, chains } = resolveApiContext(options, loadAssetsConfigFile(options.config));
    if (options.deep !== undefined) {
      await verifyDeep(context, options.deep, options.format);
      return;
    }
    if (options.oracle !== undefined && context.oracle === undefined)
      throw new InputError('--chain-id is required with --oracle');
    // An auditor's explicit --oracle/--chain-id (or the stack's) is the contract the round must belong to.
    const pinned = options.oracle !== undefined || options.local === true;
    // Bundles are loaded one at a time (a round's inputs can be hundreds of KB per asset). Each
    // round is proven on its own chain (docs/multi-chain.md): its EIP-712 domain, its RPC.
    let loaders: RoundLoader[];
    if (options.bundle !== undefined) {
      const bundle = readAuditBundle(options.bundle);
      const own = chains.find((c) => c.chainId === bundle.oracle.chainId);
      loaders = [
        {
          round: bundle.publication.round,
          chain: own ?? {
            name: `chain-${bundle.oracle.chainId}`,
            chainId: bundle.oracle.chainId,
            address: bundle.oracle.address,
            ...(rpcUrl === undefined ? {} : { rpcUrl }),
          },
          expected: pinned ? context.oracle : undefined,
          load: () => Promise.resolve(bundle),
        },
      ];
    } else {
      if (chains.length === 0)
        throw new InputError(
          '--oracle and --chain-id are required (or --local, or BALLAST_ORACLE_ADDRESS and BALLAST_CHAIN_ID)',
        );
      const rounds: { chain: ReadChain; round: string }[] = [];
      if (options.round !== undefined) {
        // Round N of every chain that has one (a round number is per chain).
        for (const chain of chains) {
          try {
            await getPublication(
              context.dynamo,
              context.tables,
              oracleKey(chain.chainId, chain.address),
              options.round,
            );
            rounds.push({ chain, round: options.round });
          } catch (error) {
            if (!(error instanceof StoredItemError)) throw error;
          }
        }
        if (rounds.length === 0)
          throw new InputError(
            `--round: no such round: ${options.round} was never published by ${chains.map((c) => `the oracle ${c.address} (chain ${c.chainId})`).join(' or ')}`,
            {
              fix: 'list the rounds with `npx ballast history ASSET` (add --local for the local stack), or use --all',
            },
          );
      } else if (options.tx !== undefined) {
        const publication = await getPublicationByTxHash(context.dynamo, context.tables, options.tx);
        if (publication === undefined)
          throw new InputError(
            `--tx: no round was published by transaction ${options.tx} in ${context.tables.publications}`,
          );
        const chain = chains.find((c) => c.chainId === publication.chainId);
        if (chain === undefined)
          throw new InputError(
            `--tx: transaction ${options.tx} published round ${publication.round} on chain ${publication.chainId}, not on ${chains.map((c) => c.chainId).join(', ')}; pass --chain-id ${publication.chainId}`,
          );
        rounds.push({ chain, round: publication.round });
      } else {
        for (const chain of chains)
          for (const p of await listPublications(
            context.dynamo,
            context.tables,
            oracleKey(chain.chainId, chain.address),
          ))
            rounds.push({ chain, round: p.round });
        if (rounds.length === 0)
          throw new InputError(
            `--all: ${chains.map((c) => `the oracle ${c.address} (chain ${c.chainId})`).join(' and ')} ${chains.length > 1 ? 'have' : 'has'} no rounds in ${context.tables.publications}`,
          );
      }
      loaders = rounds.map(({ chain, round }) => ({
        round,
        chain,
        expected: pinned ? { chainId: chain.chainId, address: chain.address } : undefined,
        load: () =>
          buildAuditBundle(context.dynamo, context.tables, {
            oracle: { chainId: chain.chainId, address: chain.address },
            round,
            configs: [context.config],
            now: Date.now(),
          }),
      }));
    }
    // One RPC connection per chain, closed at the end.
    const readers = new Map<number, ChainReader>();
    const readerFor = (chain: ReadChain): ChainReader | undefined => {
      const url = chain.rpcUrl ?? (chains.length <= 1 ? rpcUrl : undefined);
      if (url === undefined) return undefined;
      let reader = readers.get(chain.chainId);
      if (reader === undefined) readers.set(chain.chainId, (reader = createChainReader(url)));
      return reader;
    };
    const results: VerifyResult[] = [];
    try {
      for (const { round, chain: target, expected, load } of loaders) {
        const chain = readerFor(target);
        let result: VerifyResult;
        try {
          result = await verifyBundle(await load(), {
            ...(chain === undefined ? {} : { chain }),
            ...(options.bundle === undefined
              ? { store: { dynamo: context.dynamo, tables: context.tables } }
              : {}),
            ...(expected === undefined ? {} : { oracle: expected }),
          });
        } catch (error) {
          // A round whose stored data is gone cannot be proven: that is a failed verification, not a crash.
          if (!(error instanceof StoredItemError)) throw error;
          const details = [`stored data is missing: ${error.message}`];
          result = {
            round,
            oracle: { chainId: target.chainId, address: target.address },
            txHash: null,
            checks: [
              { id: 'inputs', status: 'FAIL', details },
              { id: 'recompute', status: 'FAIL', details },
            ],
            ok: false,
          };
        }
        results.push(result);
        if (options.format === 'text') process.stdout.write(formatVerifyResult(result));
      }
    } finally {
      for (const reader of readers.values()) reader.close();
    }
    if (options.format === 'json')
      process.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
    const failed = results.filter((r) => !r.ok);
    if (failed.length > 0) {
      const what = failed.map(
        (r) =>
          `round ${r.round}: ${r.checks
            .filter((c) => c.status === 'FAIL')
            .map((c) => VERIFY_CHECKS[c.id])
            .join('; ')} (chain ${r.oracle.chainId})`,
      );
      throw new VerificationFailedError(
        `${failed.length} of ${results.length} round(s) FAILED verification\n  ${what.join('\n  ')}`,
      );
    }
    if (results.length > 1) {
      const perChain = [...new Set(results.map((r) => r.oracle.chainId))].map((id) => {
        const name = chains.find((c) => c.chainId === id)?.name ?? `chain-${id}`;
        return `${name} (${id}): ${results.filter((r) => r.oracle.chainId === id).length}`;
      });
      console.log(`all ${results.length} rounds verified; per chain: ${perChain.join(', ')}`);
    }
  });
}

/** `verify --deep [assets]`: every asset's checkpoint chain replayed from the first candle. */
async function verifyDeep(context: ApiContext, deep: boolean | string, format: string): Promise<void> {
  const known = riskIds(context.config);
  const assets = typeof deep === 'string' ? deep.split(',').map((a) => a.trim().toUpperCase()) : known;
  for (const asset of assets)
    if (riskConfigOf(context.config, asset) === undefined)
      throw new InputError(`--deep: "${asset}" is not configured; configured: ${known.join(', ')}`);
  const results: CheckpointChainResult[] = [];
  for (const asset of assets) {
    const result = await verifyCheckpointChain(
      asset,
      listCheckpoints(context.dynamo, context.tables, asset),
      [riskConfigOf(context.config, asset)!],
    );
    // Without a list, an asset that has no chain yet (never computed) is skipped, not failed.
    if (typeof deep !== 'string' && result.links === 0) {
      if (format === 'text') process.stdout.write(`SKIP ${asset}: no checkpoint stored (never computed)\n`);
      continue;
    }
    results.push(result);
    if (format === 'text') {
      const span =
        result.firstHourTs === null || result.lastHourTs === null
          ? 'no checkpoint'
          : `${new Date(result.firstHourTs).toISOString()} .. ${new Date(result.lastHourTs).toISOString()}`;
      process.stdout.write(
        `${result.ok ? 'PASS' : 'FAIL'} ${asset}: ${result.links} checkpoint(s) in ${result.chains} chain(s), ${result.candles} candles replayed from the first (${span})\n` +
          result.failures.map((f) => `  - ${f}\n`).join(''),
      );
    }
  }
  if (format === 'json') process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  if (results.length === 0)
    throw new InputError(
      `--deep: no asset has a checkpoint chain in ${context.tables.checkpoints}; run a cycle first`,
    );
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0)
    throw new VerificationFailedError(
      `${failed.length} of ${results.length} checkpoint chain(s) FAILED deep verification: ${failed.map((r) => r.asset).join(', ')}`,
    );
}
