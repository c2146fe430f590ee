import type { Command } from 'commander';
import { STACK_PARTS, type StackPorts } from '../../localstack/startLocalStack.js';
import { parseInteger } from './parseInteger.js';

/** Adds `--anvil-port`, `--dynamodb-port`, `--kms-port`, `--exchange-port` to a command. */
export function addStackPortOptions(command: Command): Command {
  for (const part of STACK_PARTS)
    command.option(`--${part}-port <port>`, `fixed 127.0.0.1 port for ${part} (default: a free port)`);
  return command;
}

/** Reads the port options; each is validated as a TCP port number. */
export function readStackPorts(options: Record<string, unknown>): StackPorts {
  const ports: Record<string, number> = {};
  for (const part of STACK_PARTS) {
    const value = options[`${part}Port`];
    if (typeof value === 'string')
      ports[part] = parseInteger(`--${part}-port`, value, { min: 1, max: 65_535 });
  }
  return ports;
}
