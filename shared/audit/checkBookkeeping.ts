import type { DynamoClients } from '../store/createDynamoClients.js';
import { getRiskRecord } from '../store/getRiskRecord.js';
import { roundOnChain } from '../store/roundOnChain.js';
import type { TableNames } from '../store/tables.js';
import type { AuditBundle } from './AuditBundle.js';
import type { ChainReader } from './ChainReader.js';
import type { VerifyCheck } from './VerifyResult.js';

export interface CheckBookkeepingParams {
  /** The store the round was read from: its records carry the round marks. */
  readonly store: { readonly dynamo: DynamoClients; readonly tables: TableNames };
  /** With a chain, the publication's status is compared with the transaction's receipt. */
  readonly chain?: ChainReader;
}

/**
 * (e) The store's bookkeeping agrees with the chain: a round whose transaction succeeded is
 * recorded `mined` with that transaction, and every record it published is marked with the round
 * and the transaction hash; a round not mined marks no record. Catches what a publisher killed
 * inside outcome recording would leave (publication pending, records unmarked) where the other
 * checks, which read the signed batch and the chain, all pass.
 */
export async function checkBookkeeping(
  bundle: AuditBundle,
  { store, chain }: CheckBookkeepingParams,
): Promise<VerifyCheck> {
  const { publication } = bundle;
  const failures: string[] = [];
  if (chain !== undefined && publication.txHash !== undefined) {
    const receipt = await chain.getReceipt(publication.txHash);
    const onChain = receipt === null ? 'not on chain' : receipt.status === 1 ? 'mined' : 'reverted';
    const stored = publication.status === 'pending' ? 'not on chain' : publication.status;
    if (onChain !== stored && !(onChain === 'not on chain' && publication.status === 'dropped'))
      failures.push(
        `the store records round ${publication.round} as ${publication.status}, but its transaction ${publication.txHash} is ${onChain}`,
      );
  }
  for (const { asset, recordTs } of publication.assets) {
    const record = await getRiskRecord(store.dynamo, store.tables, { asset, ts: recordTs });
    // The mark of the round's chain (docs/multi-chain.md): the same record carries one per chain.
    const round = roundOnChain(record, publication.chainId);
    const txHash =
      record.chains?.[String(publication.chainId)]?.txHash ??
      (record.roundChainId === undefined ? record.txHash : undefined);
    if (publication.status === 'mined') {
      if (round !== publication.round || txHash?.toLowerCase() !== publication.txHash?.toLowerCase())
        failures.push(
          `${asset} record ${recordTs} is marked ${round === undefined ? `unpublished on chain ${publication.chainId}` : `round ${round} tx ${txHash ?? '?'}`}, expected round ${publication.round} tx ${publication.txHash ?? '?'}`,
        );
    } else if (round === publication.round)
      failures.push(
        `${asset} record ${recordTs} is marked with round ${publication.round}, which the store records as ${publication.status}`,
      );
  }
  return {
    id: 'bookkeeping',
    status: failures.length > 0 ? 'FAIL' : 'PASS',
    details:
      failures.length > 0
        ? failures
        : [
            `round ${publication.round} recorded ${publication.status}${chain === undefined ? '' : ' as on chain'}; ${publication.assets.length} record(s) marked accordingly`,
          ],
  };
}
