import './cliEnvironment.js';
import { Command } from 'commander';
import { registerApiCommand } from './commands/api.js';
import { registerBacktestCommand } from './commands/backtest.js';
import { registerContractCommand } from './commands/contract.js';
import { registerDiffCommand } from './commands/diff.js';
import { registerHistoryCommand } from './commands/history.js';
import { registerReportCommand } from './commands/report.js';
import { registerCollectCommand } from './commands/collect.js';
import { registerComputeCommand } from './commands/compute.js';
import { registerExplainCommand } from './commands/explain.js';
import { registerParseCommand } from './commands/parse.js';
import { registerRunCommand } from './commands/run.js';
import { registerSignerCommand } from './commands/signer.js';
import { registerStackCommand } from './commands/stack.js';
import { runCli } from './runCli.js';

const program = new Command('ballast')
  .description('Ballast: an open, verifiable risk oracle for dynamic collateral')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)');

registerRunCommand(program);
registerStackCommand(program);
registerCollectCommand(program);
registerParseCommand(program);
registerComputeCommand(program);
registerExplainCommand(program);
registerBacktestCommand(program);
registerSignerCommand(program);
registerContractCommand(program);
registerHistoryCommand(program);
registerDiffCommand(program);
registerReportCommand(program);
registerApiCommand(program);

// A command may set process.exitCode itself (e.g. `stack status` when down); errors win over it.
const code = await runCli(program, process.argv);
process.exitCode = code !== 0 ? code : (process.exitCode ?? 0);
