import { Contract, JsonRpcProvider } from 'ethers';
import { readGuardrails } from '../chain/oracle/readGuardrails.js';
import { readLatest } from '../chain/oracle/readLatest.js';
import { RISK_ORACLE_ABI } from '../chain/oracle/riskOracleAbi.js';
import type { ChainReader } from './ChainReader.js';

/** A ChainReader over one JSON-RPC endpoint (reads at past blocks need an archive node for old rounds). */
export function createChainReader(rpcUrl: string): ChainReader {
  // cacheTimeout -1: no response caching, every read is fresh.
  const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1 });
  const oracle = (address: string): Contract => new Contract(address, RISK_ORACLE_ABI, provider);
  return {
    chainId: async () => Number((await provider.getNetwork()).chainId),
    getReceipt: async (txHash) => {
      const receipt = await provider.getTransactionReceipt(txHash);
      if (receipt === null) return null;
      return {
        status: receipt.status,
        blockNumber: receipt.blockNumber,
        to: receipt.to,
        logs: receipt.logs.map((log) => ({ address: log.address, topics: [...log.topics], data: log.data })),
      };
    },
    isSigner: async (address, account, blockTag) =>
      (await oracle(address).getFunction('isSigner')(account, { blockTag })) as boolean,
    threshold: async (address, blockTag) =>
      Number((await oracle(address).getFunction('threshold')({ blockTag })) as bigint),
    latestAt: async (address, asset, blockTag) => {
      const latest = await readLatest({ address, runner: provider }, asset, blockTag);
      return latest === undefined
        ? undefined
        : { ltvBps: latest.ltvBps, ltBps: latest.ltBps, lbBps: latest.lbBps };
    },
    guardrailsAt: (address, asset, blockTag) =>
      readGuardrails({ address, runner: provider }, asset, blockTag),
    hasCode: async (address, blockTag) => (await provider.getCode(address, blockTag)) !== '0x',
    close: () => provider.destroy(),
  };
}
