import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { hexlify, recoverAddress } from 'ethers';
import * as z from 'zod';
import { KmsSigner } from '../../chain/kms/KmsSigner.js';
import { KmsSignerError } from '../../chain/kms/errors.js';
import { createKmsClient } from '../../chain/kms/createKmsClient.js';
import { SECP256K1_HALF_N } from '../../chain/kms/normalizeLowS.js';
import { formatZodIssues } from '../../config/formatZodIssues.js';
import { EXIT_CODES } from '../exitCodes.js';

/** Where `ballast stack up` records the running local stack. @default '.ballast/stack.json' */
const DEFAULT_STACK_FILE = join('.ballast', 'stack.json');

interface SignerOptions {
  keyId?: string;
  region?: string;
  endpoint?: string;
  local?: boolean;
  stackFile: string;
}

/** Only the part of the stack state these commands read. */
const stackKmsSchema = z.object({ kms: z.object({ endpoint: z.url(), keyId: z.string().min(1) }) });

interface ResolvedTarget {
  readonly keyId: string;
  readonly endpoint: string | undefined;
  readonly region: string | undefined;
}

function resolveTarget(options: SignerOptions, command: Command): ResolvedTarget {
  const fail = (message: string): never =>
    command.error(`error: ${message}`, { exitCode: EXIT_CODES.input, code: 'ballast.input' });
  // No stack, or a stack file that is not one: the environment, not the command line (exit 3).
  const noStack = (message: string): never =>
    command.error(`error: ${message}`, { exitCode: EXIT_CODES.environment, code: 'ballast.stack' });
  let keyId = options.keyId;
  let endpoint = options.endpoint;
  if (options.local === true) {
    if (!existsSync(options.stackFile)) {
      noStack(
        `--local: no local stack state at ${options.stackFile}; start one with \`npx ballast stack up\``,
      );
    }
    let parsed: z.infer<typeof stackKmsSchema>;
    try {
      parsed = stackKmsSchema.parse(JSON.parse(readFileSync(options.stackFile, 'utf8')));
    } catch (error) {
      const detail = error instanceof z.ZodError ? formatZodIssues(error.issues).join('; ') : 'not JSON';
      return noStack(
        `--local: ${options.stackFile} has no valid kms.endpoint / kms.keyId (${detail}); restart the stack`,
      );
    }
    keyId ??= parsed.kms.keyId;
    endpoint ??= parsed.kms.endpoint;
  }
  if (keyId === undefined || keyId.trim() === '') {
    return fail('--key-id is required (a KMS key id, key ARN, alias/name or alias ARN), or use --local');
  }
  if (endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      fail(`--endpoint "${endpoint}" is not an http(s) URL, e.g. http://127.0.0.1:4599`);
    }
  }
  if (options.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(options.region)) {
    fail(`--region "${options.region}" is not an AWS region name, e.g. us-east-1 or eu-west-1`);
  }
  return { keyId, endpoint, region: options.region };
}

async function withSigner<T>(target: ResolvedTarget, run: (signer: KmsSigner) => Promise<T>): Promise<T> {
  const client = createKmsClient({
    ...(target.endpoint === undefined ? {} : { endpoint: target.endpoint }),
    ...(target.region === undefined ? {} : { region: target.region }),
  });
  try {
    return await run(new KmsSigner({ client, keyId: target.keyId }));
  } finally {
    client.destroy();
  }
}

function addTargetOptions(command: Command): Command {
  return command
    .option('--key-id <id>', 'KMS key id, key ARN, alias/name or alias ARN (secp256k1, SIGN_VERIFY)')
    .option('--region <region>', 'AWS region of the key (default: AWS_REGION / AWS config)')
    .option('--endpoint <url>', 'KMS endpoint URL (default: AWS KMS for the region)')
    .option('--local', 'use the local stack’s KMS endpoint and key (from the stack state file)')
    .option('--stack-file <path>', 'local stack state file read by --local', DEFAULT_STACK_FILE);
}

/** Runs a KMS action; a KmsSignerError (no key, no access, no answer) becomes one clear message and exit code 3. */
async function reportingKmsErrors(command: Command, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof KmsSignerError)
      command.error(`error: ${error.message}`, { exitCode: EXIT_CODES.environment, code: 'ballast.kms' });
    throw error;
  }
}

/**
 * `ballast signer address` prints the Ethereum address of the KMS key; `ballast signer check`
 * signs a random digest through KMS and proves the signature recovers to that address.
 */
export function registerSignerCommand(program: Command): void {
  const signer = program
    .command('signer')
    .description('Inspect and test the KMS key that signs oracle updates');

  addTargetOptions(signer.command('address'))
    .description('Print the Ethereum address of the KMS signing key')
    .action(async (options: SignerOptions, command: Command) => {
      const target = resolveTarget(options, command);
      await reportingKmsErrors(command, async () => {
        const address = await withSigner(target, (kmsSigner) => kmsSigner.getAddress());
        command.configureOutput().writeOut?.(`${address}\n`);
      });
    });

  addTargetOptions(signer.command('check'))
    .description('Sign a random digest with the KMS key and verify it recovers to the key’s address')
    .action(async (options: SignerOptions, command: Command) => {
      const target = resolveTarget(options, command);
      await reportingKmsErrors(command, async () => {
        const digest = hexlify(randomBytes(32));
        const { address, recovered, lowS, v } = await withSigner(target, async (kmsSigner) => {
          const expected = await kmsSigner.getAddress();
          const signature = await kmsSigner.signDigest(digest);
          return {
            address: expected,
            // Recover independently of the signer's own trial, from the 65-byte serialised form.
            recovered: recoverAddress(digest, signature.serialized),
            lowS: BigInt(signature.s) <= SECP256K1_HALF_N,
            v: signature.v,
          };
        });
        if (recovered !== address || !lowS) {
          command.error(
            `FAIL key ${target.keyId}: signature of ${digest} recovers to ${recovered}, expected ${address}` +
              (lowS ? '' : ' (s is not low)'),
            { exitCode: EXIT_CODES.failed, code: 'ballast.signer.check' },
          );
        }
        command
          .configureOutput()
          .writeOut?.(
            `PASS ${address} (key ${target.keyId}: digest ${digest} signed by KMS, low-s, v=${v}, recovered)\n`,
          );
      });
    });
}
