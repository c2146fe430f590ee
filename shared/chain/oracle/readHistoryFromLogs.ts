import { Interface, type Provider } from 'ethers';
import { decodeUpdate } from './decodeUpdate.js';
import { RISK_ORACLE_ABI } from './riskOracleAbi.js';

export interface ReadHistoryFromLogsParams {
  readonly provider: Provider;
  /** RiskOracle address. */
  readonly address: string;
  /** @default 0 */
  readonly fromBlock?: number;
  /** @default the latest block */
  readonly toBlock?: number;
  /** Blocks per eth_getLogs request (public RPCs cap the range). @default 10000 */
  readonly blockChunk?: number;
}

export interface HistoryEntry {
  readonly round: bigint;
  readonly observedAt: number;
  readonly volIndexBps: number;
  readonly ltvBps: number;
  readonly ltBps: number;
  readonly lbBps: number;
  readonly blockNumber: number;
  readonly transactionHash: string;
  readonly logIndex: number;
}

const iface = new Interface(RISK_ORACLE_ABI);
const topic = iface.getEvent('ParametersUpdated')?.topicHash as string;

/**
 * Every accepted update per asset symbol, oldest first, from `ParametersUpdated` logs alone
 * (each log carries the round, the observation time and the packed update words).
 */
export async function readHistoryFromLogs({
  provider,
  address,
  fromBlock = 0,
  toBlock,
  blockChunk = 10_000,
}: ReadHistoryFromLogsParams): Promise<Map<string, HistoryEntry[]>> {
  const last = toBlock ?? (await provider.getBlockNumber());
  const history = new Map<string, HistoryEntry[]>();
  for (let start = fromBlock; start <= last; start += blockChunk) {
    const end = Math.min(last, start + blockChunk - 1);
    const logs = await provider.getLogs({ address, topics: [topic], fromBlock: start, toBlock: end });
    for (const log of logs) {
      const parsed = iface.parseLog(log);
      if (parsed === null) continue;
      const round = parsed.args.getValue('round') as bigint;
      const observedAt = Number(parsed.args.getValue('observedAt') as bigint);
      for (const word of parsed.args.getValue('updates') as string[]) {
        const { asset, ...params } = decodeUpdate(word);
        const entries = history.get(asset) ?? [];
        entries.push({
          round,
          observedAt,
          ...params,
          blockNumber: log.blockNumber,
          transactionHash: log.transactionHash,
          logIndex: log.index,
        });
        history.set(asset, entries);
      }
    }
  }
  return history;
}
