import { Interface, type Log } from 'ethers';

/**
 * The events of contracts/examples/ExampleLendingMarket.sol an indexer follows (a test checks them
 * against the compiled ABI). Each carries the account's position after the change; `account` is
 * the first indexed argument (topic 1) of every one.
 */
export const EXAMPLE_MARKET_EVENTS = [
  'event Deposited(address indexed account, uint256 amount, uint256 collateralAfter, uint256 debtAfter)',
  'event Withdrawn(address indexed account, uint256 amount, uint256 collateralAfter, uint256 debtAfter)',
  'event Borrowed(address indexed account, uint256 amount, uint256 collateralAfter, uint256 debtAfter, uint256 ltvBps)',
  'event Repaid(address indexed account, address indexed payer, uint256 amount, uint256 collateralAfter, uint256 debtAfter)',
  'event Liquidated(address indexed account, address indexed liquidator, uint256 repaid, uint256 seized, uint256 collateralAfter, uint256 debtAfter, uint256 ltBps, uint256 lbBps)',
] as const;

export const EXAMPLE_MARKET_INTERFACE = new Interface(EXAMPLE_MARKET_EVENTS);

/** topic0 of every followed event: one `eth_getLogs` filter position matches any of them. */
export const EXAMPLE_MARKET_TOPICS: readonly string[] = EXAMPLE_MARKET_INTERFACE.fragments.map(
  (fragment) => (fragment as unknown as { topicHash: string }).topicHash,
);

/** A followed event reduced to what the indexer stores: the account's position after it. */
export interface PositionEvent {
  readonly name: string;
  readonly account: string;
  readonly collateralAfter: bigint;
  readonly debtAfter: bigint;
  readonly block: number;
  readonly logIndex: number;
  readonly txHash: string;
  readonly blockHash: string;
}

/** Decodes one market log; undefined for a log that is not a followed event. */
export function decodePositionEvent(log: Log): PositionEvent | undefined {
  const parsed = EXAMPLE_MARKET_INTERFACE.parseLog({ topics: [...log.topics], data: log.data });
  if (parsed === null) return undefined;
  return {
    name: parsed.name,
    account: parsed.args.getValue('account') as string,
    collateralAfter: parsed.args.getValue('collateralAfter') as bigint,
    debtAfter: parsed.args.getValue('debtAfter') as bigint,
    block: log.blockNumber,
    logIndex: log.index,
    txHash: log.transactionHash,
    blockHash: log.blockHash,
  };
}
