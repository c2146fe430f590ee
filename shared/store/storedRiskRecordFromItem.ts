import { chainMarksFromItem } from './chainMarks.js';
import type { AssetConfig } from '../config/assetsConfig.js';
import type { RiskRecord } from '../risk/types.js';
import type { StoredRiskRecord } from './StoredRiskRecord.js';
import type { RecordProvenance } from './RecordProvenance.js';
import { readJsonAttribute } from './readJsonAttribute.js';

export function storedRiskRecordFromItem(item: Record<string, unknown>): StoredRiskRecord {
  // Per-chain marks `round@<chainId>`, `publishError@<chainId>`, … (shared/store/chainMarks.ts).
  const chains = chainMarksFromItem(item);
  const config = readJsonAttribute(item, 'config');
  return {
    asset: item.asset as string,
    ts: item.ts as number,
    record: readJsonAttribute(item, 'record') as RiskRecord,
    recordHash: item.recordHash as string,
    ...(config === undefined ? {} : { config: config as AssetConfig }),
    ...(typeof item.provenance === 'string'
      ? { provenance: JSON.parse(item.provenance) as RecordProvenance }
      : {}),
    ...(item.round === undefined ? {} : { round: String(item.round) }),
    ...(item.txHash === undefined ? {} : { txHash: item.txHash as string }),
    ...(item.roundChainId === undefined ? {} : { roundChainId: Number(item.roundChainId) }),
    ...(Object.keys(chains).length === 0 ? {} : { chains }),
    ...(typeof item.publishError === 'string' ? { publishError: item.publishError } : {}),
  };
}
