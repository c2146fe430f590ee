import { createHash } from 'node:crypto';
import { decodeF64 } from '../risk/engine/decodeF64.js';
import { encodeF64 } from '../risk/engine/encodeF64.js';
import type { EngineState } from '../risk/engine/EngineState.js';
import {
  CHECKPOINT_CHUNK_VALUES,
  CHECKPOINT_LAYOUT,
  type CheckpointLayout,
  type ColumnLayout,
  type PendingChunk,
} from './checkpointLayout.js';

export interface SplitCheckpointStateResult {
  /** The state with every chunked column emptied (`""`): what the checkpoint item stores inline. */
  readonly inline: EngineState;
  readonly layout: CheckpointLayout;
  /** Chunks this link seals (new ones only), to store before the item. */
  readonly chunks: readonly PendingChunk[];
}

/**
 * Splits a state into what its checkpoint item holds and the chunks it seals (checkpointLayout.ts).
 * With a predecessor stored in this layout, each column continues the predecessor's chunks and
 * tail with the values the state holds beyond the predecessor's; without one (a chain start, or a
 * predecessor stored whole) a new chunk family starts, named after `familyOf`.
 */
export function splitCheckpointState(
  asset: string,
  state: EngineState,
  predecessor: { readonly state: EngineState; readonly layout?: CheckpointLayout } | undefined,
  familyOf: string,
): SplitCheckpointStateResult {
  const previous = predecessor?.layout === undefined ? undefined : predecessor;
  const family = previous?.layout?.family ?? `${asset}#chunks#${familyOf.slice(0, 16)}`;
  const before = previous === undefined ? {} : growing(previous.state);
  const columns: Record<string, ColumnLayout> = {};
  const chunks: PendingChunk[] = [];
  for (const [name, { kind, base64 }] of Object.entries(growing(state))) {
    const values = decodeF64(base64, name);
    const prior = previous?.layout?.columns[name];
    const priorValues = before[name] === undefined ? undefined : decodeF64(before[name].base64, name);
    let added: Float64Array;
    let tail: Float64Array;
    let index = 0;
    let sealedValues = 0;
    let digest = '';
    if (prior === undefined || priorValues === undefined) {
      added = values;
      tail = new Float64Array(0);
    } else {
      const difference =
        kind === 'append'
          ? values.length >= priorValues.length
            ? values.subarray(priorValues.length)
            : undefined
          : multisetDifference(values, priorValues);
      // Not a continuation of the predecessor (never the case for a chain link): a new family.
      if (difference === undefined) return splitCheckpointState(asset, state, undefined, familyOf);
      added = difference;
      tail = decodeF64(prior.tail, `${name} tail`);
      index = prior.chunks;
      sealedValues = prior.sealedValues;
      digest = prior.digest;
    }
    let open = new Float64Array(tail.length + added.length);
    open.set(tail);
    open.set(added, tail.length);
    if (kind === 'multiset') open.sort();
    while (open.length >= CHECKPOINT_CHUNK_VALUES) {
      const sealed = open.slice(0, CHECKPOINT_CHUNK_VALUES);
      const sha256 = hex(bytes(sealed));
      chunks.push({ column: name, index, values: sealed, sha256 });
      digest = hex(`${digest}${sha256}`);
      index += 1;
      sealedValues += sealed.length;
      open = open.slice(CHECKPOINT_CHUNK_VALUES);
    }
    columns[name] = { kind, chunks: index, sealedValues, digest, tail: encodeF64(open) };
  }
  const inline: EngineState = {
    ...state,
    ts: '',
    close: '',
    varModel: '',
    fhs: state.fhs.map((sample) => ({ ...sample, z: '' })),
  };
  return { inline, layout: { layout: CHECKPOINT_LAYOUT, family, columns }, chunks };
}

function growing(state: EngineState): Record<string, { kind: ColumnLayout['kind']; base64: string }> {
  const columns: Record<string, { kind: ColumnLayout['kind']; base64: string }> = {
    ts: { kind: 'append', base64: state.ts },
    close: { kind: 'append', base64: state.close },
    varModel: { kind: 'append', base64: state.varModel },
  };
  for (const sample of state.fhs) columns[`z${sample.horizonHours}`] = { kind: 'multiset', base64: sample.z };
  return columns;
}

/** The values of ascending `all` that are not in ascending `part` (as multisets), ascending; undefined when `part` is not contained in `all`. */
function multisetDifference(all: Float64Array, part: Float64Array): Float64Array | undefined {
  const out = new Float64Array(Math.max(0, all.length - part.length));
  let n = 0;
  let j = 0;
  for (let i = 0; i < all.length; i++) {
    const x = all[i]!;
    if (j < part.length && Object.is(part[j], x)) {
      j += 1;
      continue;
    }
    if (n === out.length) return undefined;
    out[n++] = x;
  }
  return j === part.length ? out.subarray(0, n) : undefined;
}

function bytes(values: Float64Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

function hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
