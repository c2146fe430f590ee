import '../localstack/terminalEnvironment.js';
import { Command } from 'commander';
import { runCli } from './runCli.js';

type Register = (program: Command) => void;

// `ballast … | head`: a reader that closed the pipe is not an error (no EPIPE stack trace).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

/**
 * Every command, with the one-line summary `ballast --help` shows. A command's module (and its
 * dependencies: ethers, the AWS SDK, solc, ...) is loaded only when that command runs, so help
 * and quick commands start fast.
 */
const COMMANDS: readonly { name: string; summary: string; load: () => Promise<Register> }[] = [
  {
    name: 'run',
    summary: 'run full cycles (collect → compute → publish) on the embedded local stack',
    load: async () => (await import('./commands/run.js')).registerRunCommand,
  },
  {
    name: 'alerts',
    summary: 'position alerts: a signed sample to a webhook, health near the edge, dead letters and redrive',
    load: async () => (await import('./commands/alerts.js')).registerAlertsCommand,
  },
  {
    name: 'stack',
    summary: 'start, stop or inspect the embedded local stack (anvil, DynamoDB Local, KMS, exchanges)',
    load: async () => (await import('./commands/stack.js')).registerStackCommand,
  },
  {
    name: 'sim',
    summary: "the stack's exchange simulator: price shocks, venue faults, status",
    load: async () => (await import('./commands/sim.js')).registerSimCommand,
  },
  {
    name: 'collect',
    summary: 'one market snapshot for an asset from the real venues (--live) or a simulator (--sim)',
    load: async () => (await import('./commands/collect.js')).registerCollectCommand,
  },
  {
    name: 'parse',
    summary: 'parse a raw venue response body (stdin) into canonical JSON (stdout)',
    load: async () => (await import('./commands/parse.js')).registerParseCommand,
  },
  {
    name: 'compute',
    summary: 'compute one risk record from an inputs file and print it as JSON',
    load: async () => (await import('./commands/compute.js')).registerComputeCommand,
  },
  {
    name: 'explain',
    summary: "explain an asset's latest parameters: which term dominated, which limit bit",
    load: async () => (await import('./commands/explain.js')).registerExplainCommand,
  },
  {
    name: 'backtest',
    summary: 'walk-forward backtest on hourly candles: coverage tests, static comparison, report',
    load: async () => (await import('./commands/backtest.js')).registerBacktestCommand,
  },
  {
    name: 'portfolio',
    summary: 'portfolio margin of a position: isolated vs portfolio requirement, credit, dominant asset',
    load: async () => (await import('./commands/portfolio.js')).registerPortfolioCommand,
  },
  {
    name: 'correlations',
    summary: 'EWMA and stressed correlations of the assets, and the pairs that moved most',
    load: async () => (await import('./commands/correlations.js')).registerCorrelationsCommand,
  },
  {
    name: 'history',
    summary: "an asset's parameter history: what changed, when, why",
    load: async () => (await import('./commands/history.js')).registerHistoryCommand,
  },
  {
    name: 'diff',
    summary: 'what changed for an asset between two rounds, and which inputs drove it',
    load: async () => (await import('./commands/diff.js')).registerDiffCommand,
  },
  {
    name: 'report',
    summary: 'write the governance report (self-contained HTML)',
    load: async () => (await import('./commands/report.js')).registerReportCommand,
  },
  {
    name: 'api',
    summary: 'serve the read API (the Lambda handler) over HTTP on 127.0.0.1',
    load: async () => (await import('./commands/api.js')).registerApiCommand,
  },
  {
    name: 'publish',
    summary: 'one publish step on the running local stack (collect, compute, then sign and send one batch)',
    load: async () => (await import('./commands/publish.js')).registerPublishCommand,
  },
  {
    name: 'verify',
    summary: 'auditor check of a round: signatures, on-chain state, inputs hash, identical recomputation',
    load: async () => (await import('./commands/verify.js')).registerVerifyCommand,
  },
  {
    name: 'export-bundle',
    summary: "write a round's audit bundle that `verify --bundle` checks offline",
    load: async () => (await import('./commands/exportBundle.js')).registerExportBundleCommand,
  },
  {
    name: 'contract',
    summary: 'deploy, configure or inspect the RiskOracle contract',
    load: async () => (await import('./commands/contract.js')).registerContractCommand,
  },
  {
    name: 'signer',
    summary: 'the KMS signing key: its Ethereum address, a signature round trip',
    load: async () => (await import('./commands/signer.js')).registerSignerCommand,
  },
];

const program = new Command('ballast')
  .description('Ballast: an open, verifiable risk oracle for dynamic collateral')
  .version('0.1.0')
  .option('--debug', 'print the stack trace of an error (runCli takes it out of any command line)');

const requested = COMMANDS.find((command) => command.name === process.argv[2]);
if (requested !== undefined) {
  (await requested.load())(program);
} else {
  // Help, or an unknown command: names and summaries are enough, no module is loaded.
  for (const command of COMMANDS) program.command(command.name).description(command.summary);
}

// A command may set process.exitCode itself (e.g. `stack status` when down); errors win over it.
const code = await runCli(program, process.argv);
process.exitCode = code !== 0 ? code : (process.exitCode ?? 0);
