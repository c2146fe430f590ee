import { parsePairId } from '../config/parsePairId.js';
import { pairRiskInputs } from '../risk/crossAsset/pairRiskInputs.js';
import { hashCanonical } from '../risk/provenance/hashCanonical.js';
import type { HashScheme } from '../risk/provenance/hashSchemes.js';
import type { RiskInputs } from '../risk/types.js';
import type { DynamoClients } from '../store/createDynamoClients.js';
import { getSnapshot } from '../store/getSnapshot.js';
import { snapshotHashScheme } from './snapshotHashScheme.js';
import type { TableNames } from '../store/tables.js';

export interface CheckPairDerivationParams {
  /** The pair id `C/D` and its record's snapshot key. */
  readonly pair: string;
  readonly recordTs: number;
  /** The pair's inputs as the bundle carries them (already checked against the record's hash). */
  readonly inputs: RiskInputs;
  readonly scheme: HashScheme;
  readonly store: { readonly dynamo: DynamoClients; readonly tables: TableNames };
}

/**
 * Part of verify check (c) for a pair (docs/cross-asset.md §2): the pair's stored inputs are what
 * `pairRiskInputs` derives from the legs' snapshots its snapshot names, and each leg's stored
 * inputs still hash to the hash stored with them. Returns a failure message, or the pass detail.
 */
export async function checkPairDerivation({
  pair,
  recordTs,
  inputs,
  scheme,
  store,
}: CheckPairDerivationParams): Promise<{ readonly ok: boolean; readonly detail: string }> {
  const ids = parsePairId(pair);
  if (ids === undefined) return { ok: false, detail: `${pair}: not a pair id` };
  const snapshot = await getSnapshot(store.dynamo, store.tables, pair, recordTs);
  const legs = snapshot.compact.legs;
  if (legs === undefined)
    return { ok: false, detail: `${pair}: its snapshot names no legs, so its inputs cannot be re-derived` };
  if (legs.collateral.asset !== ids.collateral || legs.debt.asset !== ids.debt)
    return {
      ok: false,
      detail: `${pair}: its snapshot names legs ${legs.collateral.asset} and ${legs.debt.asset}, expected ${ids.collateral} and ${ids.debt}`,
    };
  const [collateral, debt] = await Promise.all(
    [legs.collateral, legs.debt].map((leg) => getSnapshot(store.dynamo, store.tables, leg.asset, leg.ts)),
  );
  for (const [leg, stored] of [
    [legs.collateral, collateral!],
    [legs.debt, debt!],
  ] as const) {
    const matches = snapshotHashScheme(stored.inputs, leg.inputsHash) !== undefined;
    if (!matches || stored.inputsHash !== leg.inputsHash)
      return {
        ok: false,
        detail: `${pair}: leg ${leg.asset}@${leg.ts} was derived from inputs ${leg.inputsHash}, the stored ones hash otherwise: the leg's inputs were changed`,
      };
  }
  const derived = hashCanonical(
    pairRiskInputs({ pair, collateral: collateral!.inputs, debt: debt!.inputs }),
    scheme,
  );
  const carried = hashCanonical(inputs, scheme);
  if (derived !== carried)
    return {
      ok: false,
      detail: `${pair}: the ratio of its legs' stored inputs (${ids.collateral}@${legs.collateral.ts}, ${ids.debt}@${legs.debt.ts}) hashes to ${derived}, the pair's inputs to ${carried}`,
    };
  return {
    ok: true,
    detail: `${pair}: derived from ${ids.collateral}@${legs.collateral.ts} and ${ids.debt}@${legs.debt.ts} as stored (pairRiskInputs)`,
  };
}
