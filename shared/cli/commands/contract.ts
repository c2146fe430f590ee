import { riskConfigOf } from '../../config/riskConfigOf.js';
import { riskIds } from '../../config/riskIds.js';
import { Contract, FetchRequest, JsonRpcProvider, Network, Wallet, isAddress, type Provider } from 'ethers';
import type { Command } from 'commander';
import { anvilDevAccount } from '../../chain/oracle/anvilDevAccount.js';
import { assetSymbol } from '../../chain/oracle/assetSymbol.js';
import { configureAssets } from '../../chain/oracle/configureAssets.js';
import { decodeOracleError } from '../../chain/oracle/decodeOracleError.js';
import {
  DEFAULT_MAX_FUTURE_SKEW,
  DEFAULT_MAX_OBSERVATION_AGE,
  MAX_FUTURE_SKEW_LIMIT,
  MAX_OBSERVATION_AGE_LIMIT,
  deployRiskOracle,
} from '../../chain/oracle/deployRiskOracle.js';
import { guardrailsFromAssetConfig } from '../../chain/oracle/guardrailsFromAssetConfig.js';
import { readLatest } from '../../chain/oracle/readLatest.js';
import { RISK_ORACLE_ABI } from '../../chain/oracle/riskOracleAbi.js';
import { BallastError, InputError } from '../../errors/BallastError.js';
import { readStackState } from '../../localstack/stackState.js';
import { EnvironmentError } from '../errors.js';
import { parseAssetList } from '../options/parseAssetList.js';
import { parseInteger } from '../options/parseInteger.js';
import { parseRound } from '../options/parseRound.js';
import { loadAssetsConfigFile } from '../loadAssetsConfigFile.js';
import { selectLocalChain } from '../options/selectLocalChain.js';

/** Environment variable holding the deployer/owner private key (never printed). */
export const DEPLOYER_KEY_ENV = 'BALLAST_DEPLOYER_KEY';

interface ChainOptions {
  rpc?: string;
  local?: boolean;
  address?: string;
  /** Which target chain (docs/multi-chain.md): a local stack chain, or the id --rpc must serve. */
  chain?: string;
}

interface Connection {
  provider: JsonRpcProvider;
  /** Oracle address from --address or, with --local, from .ballast/stack.json. */
  oracleAddress: string | undefined;
  local: boolean;
}

/** @default 10 s: every JSON-RPC call of these commands gives up after this long. */
const RPC_TIMEOUT_MS = 10_000;

/**
 * The chain id at `url`, asked once with a timeout: an RPC that does not answer is an environment
 * problem said in one line, not an ethers retry loop that never ends.
 */
async function probeChainId(url: string): Promise<number> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(RPC_TIMEOUT_MS),
    });
    const body = (await response.json()) as { result?: string };
    const chainId = Number(body.result);
    if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new Error(`answered ${JSON.stringify(body)}`);
    return chainId;
  } catch (error) {
    throw new EnvironmentError(`no JSON-RPC answer from ${url} (${(error as Error).message})`, {
      cause: error,
      fix: 'check the URL and that the node runs (for the local stack: `npx ballast stack status`)',
    });
  }
}

async function connect({ rpc, local = false, address, chain }: ChainOptions): Promise<Connection> {
  if (rpc !== undefined && local) throw new InputError('--rpc and --local are exclusive: give one');
  if (address !== undefined && !isAddress(address)) {
    throw new InputError(`--address: "${address}" is not an address; expected 0x followed by 40 hex digits`);
  }
  let url = rpc;
  let oracleAddress = address;
  if (local) {
    const selected = selectLocalChain(readStackState(), '--chain', chain);
    url = selected.rpcUrl;
    oracleAddress ??= selected.oracleAddress;
  } else if (chain !== undefined && !/^[1-9]\d{0,15}$/.test(chain.trim()))
    throw new InputError(`--chain: "${chain}" is not a chain id; expected a whole number >= 1 (with --rpc)`);
  if (url === undefined)
    throw new InputError('no chain given: pass --rpc <url>, or --local for the running local stack');
  if (!/^https?:\/\//.test(url))
    throw new InputError(`--rpc: "${url}" is not allowed; expected an http(s):// URL`);
  const chainId = await probeChainId(url);
  if (!local && chain !== undefined && chainId !== Number(chain))
    throw new InputError(`--chain: ${chain} expected, but ${url} serves chain ${chainId}`, {
      fix: 'give the RPC URL of that chain, or its chain id',
    });
  const request = new FetchRequest(url);
  request.timeout = RPC_TIMEOUT_MS;
  // A static network: ethers asks nothing more before the calls, and never retries in the background.
  const provider = new JsonRpcProvider(request, Network.from(chainId), {
    cacheTimeout: -1,
    staticNetwork: Network.from(chainId),
  });
  return { provider, oracleAddress, local };
}

/** The deployer/owner wallet: BALLAST_DEPLOYER_KEY, or anvil's first dev account with --local. */
function deployerWallet(connection: Connection): Wallet {
  const key = process.env[DEPLOYER_KEY_ENV];
  if (key !== undefined && key !== '') {
    try {
      return new Wallet(key, connection.provider);
    } catch {
      // The value itself is never echoed: it is a secret.
      throw new InputError(
        `${DEPLOYER_KEY_ENV} is not a valid private key; expected 0x followed by 64 hex digits`,
      );
    }
  }
  if (connection.local) return new Wallet(anvilDevAccount(0).privateKey, connection.provider);
  throw new InputError(
    `${DEPLOYER_KEY_ENV} is not set; a real network needs the deployer's private key in it`,
    {
      fix: `export ${DEPLOYER_KEY_ENV}=0x… (or use --local, which defaults to anvil's first dev account)`,
    },
  );
}

/** The oracle at the connection's address; an address with no code there is bad input (exit 2), not a decode error. */
async function requireOracle(connection: Connection, runner: Provider | Wallet): Promise<Contract> {
  const address = connection.oracleAddress;
  if (address === undefined) throw new InputError('--address is required (the RiskOracle address)');
  if ((await connection.provider.getCode(address)) === '0x')
    throw new InputError(
      `--address: ${address} is not a contract on chain ${(await connection.provider.getNetwork()).chainId} (no code there)`,
      {
        fix: connection.local
          ? "drop --address to use the local stack's oracle, or give the address `ballast contract deploy` printed"
          : 'give the RiskOracle address `ballast contract deploy` printed, on the chain of --rpc',
      },
    );
  return new Contract(address, RISK_ORACLE_ABI, runner);
}

/** Re-throws a contract revert as a readable BallastError (custom error name and arguments). */
async function explainReverts<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const decoded = decodeOracleError(error);
    if (decoded !== undefined)
      throw new BallastError(`${what} was rejected by the contract: ${decoded.message}`, { cause: error });
    throw error;
  }
}

function parseAddresses(flag: string, value: string): string[] {
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const address of list) {
    if (!isAddress(address))
      throw new InputError(`${flag}: "${address}" is not an address; expected 0x followed by 40 hex digits`);
  }
  if (list.length === 0) throw new InputError(`${flag}: "${value}" lists no address`);
  return list;
}

const chainOptions = (command: Command): Command =>
  command
    .option('--rpc <url>', 'JSON-RPC URL of the chain')
    .option('--local', 'use the running local stack (.ballast/stack.json)')
    .option('--address <address>', 'RiskOracle address (default with --local: the stack state)')
    .option(
      '--chain <id>',
      'target chain: with --local, a chain of a multi-chain stack (id or name; default the first); with --rpc, the chain id the URL must serve',
    );

export function registerContractCommand(program: Command): void {
  const contract = program
    .command('contract')
    .description('deploy, configure or inspect the RiskOracle contract');

  chainOptions(contract.command('deploy'))
    .description(
      `deploy a RiskOracle; the owner key comes from ${DEPLOYER_KEY_ENV} (anvil dev account 0 with --local)`,
    )
    .requiredOption('--signer <addresses>', 'comma-separated addresses allowed to sign batches')
    .option('--threshold <k>', 'signatures required per batch', '1')
    .option('--guardian <address>', 'account allowed to pause (default: the owner)')
    .option('--max-age <seconds>', 'oldest accepted observation', String(DEFAULT_MAX_OBSERVATION_AGE))
    .option(
      '--max-skew <seconds>',
      'tolerated observation time ahead of the block',
      String(DEFAULT_MAX_FUTURE_SKEW),
    )
    .option(
      '--initial-round <n>',
      "round to start from: the previous oracle's lastRound when migrating (docs/contract.md)",
      '0',
    )
    .action(
      async (
        options: ChainOptions & {
          signer: string;
          threshold: string;
          guardian?: string;
          maxAge: string;
          maxSkew: string;
          initialRound: string;
        },
      ) => {
        const connection = await connect(options);
        const signers = parseAddresses('--signer', options.signer);
        const threshold = parseInteger('--threshold', options.threshold, { min: 1, max: signers.length });
        if (options.guardian !== undefined) parseAddresses('--guardian', options.guardian);
        const deployer = deployerWallet(connection);
        const result = await explainReverts('deploy', () =>
          deployRiskOracle({
            deployer,
            signers,
            threshold,
            ...(options.guardian === undefined ? {} : { guardian: options.guardian }),
            maxObservationAge: parseInteger('--max-age', options.maxAge, {
              min: 1,
              max: MAX_OBSERVATION_AGE_LIMIT,
            }),
            maxFutureSkew: parseInteger('--max-skew', options.maxSkew, {
              min: 0,
              max: MAX_FUTURE_SKEW_LIMIT,
            }),
            initialRound: parseRound('--initial-round', options.initialRound),
          }),
        );
        console.log(`RiskOracle deployed at ${result.address}`);
        console.log(`  owner ${deployer.address}, signers ${signers.join(', ')} (threshold ${threshold})`);
        console.log(`  tx ${result.transactionHash}, gas ${result.gasUsed}`);
      },
    );

  chainOptions(contract.command('configure'))
    .description('set on-chain guardrails from the assets config (bounds, step limits, minimum interval)')
    .option('--config <file>', 'assets config file (default: shared/config/assets.default.json)')
    .option(
      '--assets <list>',
      'comma-separated subset of the configured assets (default: all assets and all pairs)',
    )
    .action(async (options: ChainOptions & { config?: string; assets?: string }) => {
      const connection = await connect(options);
      const config = loadAssetsConfigFile(options.config);
      // Pairs (docs/cross-asset.md) are configured like assets, from their resolved config.
      const names =
        options.assets === undefined ? riskIds(config) : parseAssetList('--assets', options.assets, config);
      const guardrails = Object.fromEntries(
        names.map((name) => [
          name,
          guardrailsFromAssetConfig({
            asset: riskConfigOf(config, name)!,
            cyclePeriodSeconds: config.cyclePeriodSeconds,
          }),
        ]),
      );
      const oracle = await requireOracle(connection, deployerWallet(connection));
      const receipt = await explainReverts('configure', () => configureAssets(oracle, guardrails));
      console.log(
        `configured ${names.join(', ')} on ${await oracle.getAddress()} (tx ${receipt.hash}, gas ${receipt.gasUsed})`,
      );
      for (const [name, g] of Object.entries(guardrails)) {
        console.log(
          `  ${name.padEnd(6)} ltv [${g.minLtvBps}, ${g.maxLtvBps}] lt [${g.minLtBps}, ${g.maxLtBps}] lb [${g.minLbBps}, ${g.maxLbBps}] bp, ` +
            `step +${g.maxLoosenBps}/−${g.maxTightenBps} bp, every ≥ ${g.minIntervalSec} s`,
        );
      }
    });

  chainOptions(contract.command('status'))
    .description('show roles, signers, timing and every asset with its latest parameters')
    .action(async (options: ChainOptions) => {
      const connection = await connect(options);
      const oracle = await requireOracle(connection, connection.provider);
      const call = (name: string, ...args: unknown[]): Promise<unknown> => oracle.getFunction(name)(...args);
      const [owner, guardian, signers, threshold, paused, lastRound, maxAge, maxSkew, assets] =
        await Promise.all([
          call('owner'),
          call('guardian'),
          call('signers'),
          call('threshold'),
          call('paused'),
          call('lastRound'),
          call('maxObservationAge'),
          call('maxFutureSkew'),
          call('assets'),
        ]);
      const now = (await connection.provider.getBlock('latest'))?.timestamp ?? 0;
      console.log(`RiskOracle ${connection.oracleAddress ?? ''}${paused === true ? '  ** PAUSED **' : ''}`);
      console.log(`  owner ${String(owner)}, guardian ${String(guardian)}`);
      console.log(`  signers ${(signers as string[]).join(', ')} (threshold ${String(threshold)})`);
      console.log(
        `  last round ${String(lastRound)}, max observation age ${String(maxAge)} s, max future skew ${String(maxSkew)} s`,
      );
      for (const id of assets as string[]) {
        const symbol = assetSymbol(id);
        const latest = await readLatest(oracle, symbol);
        console.log(
          latest === undefined
            ? `  ${symbol.padEnd(6)} configured, no parameters yet`
            : `  ${symbol.padEnd(6)} vol ${latest.volIndexBps} ltv ${latest.ltvBps} lt ${latest.ltBps} lb ${latest.lbBps} bp, observed ${now - latest.observedAt} s ago`,
        );
      }
      if ((assets as string[]).length === 0)
        console.log(
          `  no asset configured yet (try: ballast contract configure ${connection.local ? '--local' : '--rpc …'})`,
        );
    });
}
