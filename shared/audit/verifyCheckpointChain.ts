import type { AssetConfig } from '../config/assetsConfig.js';
import type { Candle } from '../core/types.js';
import type { EngineState } from '../risk/engine/EngineState.js';
import { checkpointStep } from '../risk/engine/checkpointStep.js';
import { hashCanonical } from '../risk/provenance/hashCanonical.js';
import { CURRENT_HASH_SCHEME } from '../risk/provenance/hashSchemes.js';
import type { StoredCheckpoint } from '../store/StoredCheckpoint.js';

export interface CheckpointChainResult {
  readonly asset: string;
  /** Links replayed, and chains among them (a configuration or model change starts a new one). */
  readonly links: number;
  readonly chains: number;
  readonly firstHourTs: number | null;
  readonly lastHourTs: number | null;
  /** Candles replayed from the first one. */
  readonly candles: number;
  readonly failures: readonly string[];
  readonly ok: boolean;
}

/**
 * `ballast verify --deep` for one asset (docs/methodology.md §8.4): replays the checkpoint chain from
 * the first candle, trusting nothing stored but the candles. For every link, oldest first: the stored
 * state hashes (RFC 8785 + SHA-256) to the link's hash; the link names the previous link's hash (or
 * none, where a chain starts); and stepping the *replayed* previous state through the link's candles
 * (checkpointStep) gives a state with exactly that hash. `configs` are the configurations the
 * chains may have been computed under, matched by hash.
 */
export async function verifyCheckpointChain(
  asset: string,
  links: AsyncIterable<StoredCheckpoint & { readonly candles: readonly Candle[] }>,
  configs: readonly AssetConfig[],
): Promise<CheckpointChainResult> {
  const byHash = new Map(configs.map((config) => [hashCanonical(config, CURRENT_HASH_SCHEME), config]));
  const failures: string[] = [];
  let replayed: EngineState | undefined;
  let previous: StoredCheckpoint | undefined;
  let count = 0;
  let chains = 0;
  let candles = 0;
  let firstHourTs: number | null = null;
  for await (const link of links) {
    count += 1;
    firstHourTs ??= link.hourTs;
    candles += link.candles.length;
    const at = `${asset} ${new Date(link.hourTs).toISOString()}`;
    const storedHash = hashCanonical(link.state, CURRENT_HASH_SCHEME);
    if (storedHash !== link.hash)
      failures.push(
        `${at}: the stored state hashes to ${storedHash}, the link names ${link.hash}: the state was changed`,
      );
    if (link.predecessorHash === null) {
      chains += 1;
      replayed = undefined;
    } else if (previous === undefined || link.predecessorHash !== previous.hash)
      failures.push(
        `${at}: the link names predecessor ${link.predecessorHash}, but the link before it is ${previous?.hash ?? 'none'}: the chain is broken`,
      );
    const config = byHash.get(link.configHash);
    if (link.predecessorHash !== null && replayed === undefined) {
      failures.push(`${at}: not replayed: the link before it could not be replayed`);
    } else if (config === undefined) {
      failures.push(
        `${at}: no configuration given hashes to ${link.configHash}; pass the one the chain was computed with (--config)`,
      );
      replayed = undefined;
    } else {
      try {
        replayed = checkpointStep({
          asset,
          ...(link.predecessorHash === null || replayed === undefined ? {} : { predecessor: replayed }),
          candles: link.candles,
          config,
          modelVersion: link.modelVersion,
        });
        const hash = hashCanonical(replayed, CURRENT_HASH_SCHEME);
        if (hash !== link.hash)
          failures.push(`${at}: replaying from the first candle gives ${hash}, the link names ${link.hash}`);
      } catch (error) {
        failures.push(`${at}: replaying the link failed: ${(error as Error).message}`);
        replayed = undefined;
      }
    }
    previous = link;
  }
  if (count === 0) failures.push(`${asset}: no checkpoint stored`);
  return {
    asset,
    links: count,
    chains,
    firstHourTs,
    lastHourTs: previous?.hourTs ?? null,
    candles,
    failures,
    ok: failures.length === 0,
  };
}
