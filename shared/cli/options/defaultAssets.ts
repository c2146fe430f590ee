/**
 * Assets `run` and `publish` work on when `--assets` is not given (those `npm start` shows).
 * @default "BTC,ETH"
 */
export const DEFAULT_CYCLE_ASSETS = 'BTC,ETH';
