import type { ConfigProblem } from './errors.js';
import type { ChainConfig } from './chainConfig.js';

/**
 * What a chain list names that the assets config does not have: an asset a chain selects must be
 * configured, and both assets of a pair must be published on that chain. Paths are relative to the
 * chain list (`chains.1.assets.0`).
 */
export function chainSelectionProblems(
  chains: readonly ChainConfig[],
  /** Asset names of the assets config. */
  configured: readonly string[],
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  chains.forEach((chain, i) => {
    (chain.assets ?? []).forEach((asset, j) => {
      if (!configured.includes(asset))
        problems.push({
          path: `chains.${i}.assets.${j}`,
          message: `"${asset}" is not in the assets config; allowed: ${configured.join(', ')}`,
        });
    });
    const published = chain.assets ?? configured;
    (chain.pairs ?? []).forEach((pair, j) => {
      const missing = pair.split('/').filter((asset) => !published.includes(asset));
      if (missing.length > 0)
        problems.push({
          path: `chains.${i}.pairs.${j}`,
          message: `pair "${pair}" needs ${missing.join(' and ')} published on ${chain.name}; its assets are ${published.join(', ')}`,
        });
    });
  });
  return problems;
}
