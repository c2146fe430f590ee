import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import { StackNotRunningError } from './errors.js';
import { formatZodIssues } from '../config/formatZodIssues.js';

/** Where `ballast stack up` records the running stack. Relative to the working directory. */
export const STACK_STATE_FILE = join('.ballast', 'stack.json');
/** The parts' log files (`supervisor.log`, `anvil.log`, `dynamodb.log`), for `ballast stack logs`. */
export const STACK_LOG_DIR = join('.ballast', 'logs');

export const stackStateSchema = z.object({
  /** Process id of the supervisor that owns every child process of the stack. */
  pid: z.number().int(),
  /**
   * Process group of everything the stack runs (the supervisor was started detached, so it leads
   * its own group): anvil, java, and the TypeScript loader's helpers. Absent for in-process stacks.
   */
  processGroup: z.number().int().optional(),
  startedAt: z.string(),
  anvil: z.object({ rpcUrl: z.string(), chainId: z.number().int() }),
  dynamodb: z.object({ endpoint: z.string(), tablePrefix: z.string() }),
  kms: z.object({ endpoint: z.string(), keyId: z.string() }),
  exchange: z.object({ baseUrl: z.string() }),
  oracle: z.object({ address: z.string() }),
  /**
   * Every chain of a multi-chain stack (`--chains N`, docs/multi-chain.md), the first being
   * `anvil`/`oracle`; absent for a one-chain stack.
   */
  chains: z
    .array(
      z.object({
        name: z.string(),
        rpcUrl: z.string(),
        chainId: z.number().int(),
        oracleAddress: z.string(),
      }),
    )
    .optional(),
  /** The example lending market and its seeded borrowers (shared/localstack/exampleMarket/). */
  market: z
    .object({
      address: z.string(),
      feed: z.string(),
      collateralToken: z.string(),
      debtToken: z.string(),
      asset: z.string(),
      startBlock: z.number().int(),
      borrowers: z.array(z.string()),
    })
    .optional(),
  /** What the stack was started with; a second `stack up` or `run` asking otherwise is told. */
  options: z
    .object({
      ports: z.record(z.string(), z.number().int()),
      replayFromMs: z.number().optional(),
      dataDir: z.string().optional(),
      chains: z.number().int().optional(),
    })
    .optional(),
});
export type StackState = z.infer<typeof stackStateSchema>;

/** Reads `.ballast/stack.json`; throws StackNotRunningError with the fix when there is none. */
export function readStackState(file = STACK_STATE_FILE): StackState {
  if (!existsSync(file)) {
    throw new StackNotRunningError(`no local stack is running (no ${file})`, {
      fix: 'start one with `npx ballast stack up`, or run a whole cycle with `npm start`',
    });
  }
  const parsed = stackStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new StackNotRunningError(
      `${file} is not a valid stack state: ${formatZodIssues(parsed.error.issues).join('; ')}`,
      {
        fix: 'run `npx ballast stack down` (or delete the file) and start the stack again',
      },
    );
  }
  return parsed.data;
}

export function writeStackState(state: StackState, file = STACK_STATE_FILE): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

export function removeStackState(file = STACK_STATE_FILE): void {
  rmSync(file, { force: true });
}

/** The state of a started and bootstrapped stack, as the supervisor records it. */
export function toStackState(
  pid: number,
  stack: {
    readonly anvil: StackState['anvil'];
    readonly chains?: readonly { readonly name: string; readonly rpcUrl: string; readonly chainId: number }[];
    readonly dynamodb: { readonly endpoint: string };
    readonly kms: { readonly endpoint: string };
    readonly exchange: { readonly baseUrl: string };
  },
  boot: {
    readonly tablePrefix: string;
    readonly keyId: string;
    readonly oracleAddress: string;
    readonly oracleAddresses?: readonly string[];
    readonly market?: Omit<NonNullable<StackState['market']>, 'borrowers'> & {
      readonly borrowers: readonly string[];
    };
  },
): StackState {
  const chains =
    stack.chains !== undefined && stack.chains.length > 1
      ? stack.chains.map((chain, i) => ({
          name: chain.name,
          rpcUrl: chain.rpcUrl,
          chainId: chain.chainId,
          oracleAddress: boot.oracleAddresses?.[i] ?? boot.oracleAddress,
        }))
      : undefined;
  return {
    pid,
    startedAt: new Date().toISOString(),
    anvil: { rpcUrl: stack.anvil.rpcUrl, chainId: stack.anvil.chainId },
    dynamodb: { endpoint: stack.dynamodb.endpoint, tablePrefix: boot.tablePrefix },
    kms: { endpoint: stack.kms.endpoint, keyId: boot.keyId },
    exchange: { baseUrl: stack.exchange.baseUrl },
    oracle: { address: boot.oracleAddress },
    ...(chains === undefined ? {} : { chains }),
    ...(boot.market === undefined
      ? {}
      : { market: { ...boot.market, borrowers: [...boot.market.borrowers] } }),
  };
}
