import type { AssetsConfig } from '../../config/assetsConfig.js';
import { parsePairId } from '../../config/parsePairId.js';
import { InputError } from '../../errors/BallastError.js';

/**
 * The pairs a cycle publishes (docs/cross-asset.md §2). Absent: every configured pair whose legs
 * are both among `assets`; `none`: no pair; else `ETH/BTC,SOL/ETH`, each configured (case-insensitive)
 * with both legs among `assets`. Anything else is an InputError naming the flag, the value and
 * what is allowed.
 */
export function parsePairList(
  flag: string,
  value: string | undefined,
  config: AssetsConfig,
  assets: readonly string[],
): string[] {
  const configured = Object.keys(config.pairs);
  const legsIn = (id: string): boolean => {
    const legs = parsePairId(id);
    return legs !== undefined && assets.includes(legs.collateral) && assets.includes(legs.debt);
  };
  if (value === undefined) return configured.filter(legsIn);
  if (value.trim().toLowerCase() === 'none') return [];
  const names = value
    .split(',')
    .map((name) => name.trim().toUpperCase())
    .filter((name) => name.length > 0);
  if (names.length === 0)
    throw new InputError(
      `${flag}: "${value}" names no pair; allowed: none, or C/D among ${configured.join(', ') || '(no pairs configured)'}`,
    );
  for (const name of names) {
    if (!configured.includes(name))
      throw new InputError(
        `${flag}: unknown pair "${name}"; configured pairs are ${configured.join(', ') || '(none)'}`,
        { fix: 'use one of those, or add the pair under "pairs" in the config file given with --config' },
      );
    if (!legsIn(name))
      throw new InputError(`${flag}: pair "${name}" needs both its legs in --assets (${assets.join(', ')})`, {
        fix: 'add the missing leg to --assets, or drop the pair',
      });
  }
  return [...new Set(names)];
}
