import { HDNodeWallet, type Provider } from 'ethers';

/** The public mnemonic every anvil instance funds by default (never holds real value). */
export const ANVIL_DEV_MNEMONIC = 'test test test test test test test test test test test junk';

/**
 * Wallet of anvil's dev account `index` (0..9 are funded with 10,000 ETH at start), connected to
 * `provider` when given. These keys are public: use them on local chains only.
 * @param index @default 0
 */
export function anvilDevAccount(index = 0, provider?: Provider): HDNodeWallet {
  const wallet = HDNodeWallet.fromPhrase(ANVIL_DEV_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`);
  return provider === undefined ? wallet : wallet.connect(provider);
}
