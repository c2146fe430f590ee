import type { AssetsConfig } from '../shared/config/assetsConfig.js';
import type { StackState } from '../shared/localstack/stackState.js';

/** Points of the publish step where a soak worker can die or signal the soak. */
export const WORKER_HOOKS = [
  'afterBroadcast',
  'afterReplacement',
  'beforeOutcome',
  'afterOutcomeRecorded',
] as const;
export type WorkerHook = (typeof WORKER_HOOKS)[number];

/** What soak/publisherWorker.ts runs: one cycle on the soak's stack, with its faults. */
export interface WorkerSpec {
  readonly state: StackState;
  readonly config: AssetsConfig;
  readonly assets: readonly string[];
  /** Added to the wall clock: the soak moves time forward one cycle period per run. */
  readonly offsetMs: number;
  readonly rpcUrls: readonly string[];
  readonly leaseTtlMs: number;
  readonly invocationId: string;
  /** SIGKILL itself at this point. */
  readonly killAt?: WorkerHook;
  /** Print `SIGNAL <hook>` at this point (the soak freezes DynamoDB Local, then kills). */
  readonly signalAt?: WorkerHook;
}
