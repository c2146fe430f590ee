import type { KmsState } from './KmsState.js';

/** True with probability `highSProbability`: Sign then returns the high-s twin, as AWS does. */
export function highSCoin(state: KmsState): boolean {
  const bytes = state.nextBytes('high-s');
  const uniform = (((bytes[0] ?? 0) << 16) | ((bytes[1] ?? 0) << 8) | (bytes[2] ?? 0)) / 2 ** 24;
  return uniform < state.highSProbability;
}
