import type { AlertState } from '../../store/AlertMessage.js';

export interface AlertStateOfParams {
  /** HF under the parameters on-chain; Infinity without debt. */
  readonly hf: number;
  /** HF under the next candidate parameters. */
  readonly hfNext: number;
  readonly alertLevel: number;
}

/**
 * A position's alert state (docs/positions.md, "Alerts"), the most severe that holds:
 * `liquidatable` (HF < 1), `liquidatable-next` (HF next < 1), `below-alert`
 * (min(HF, HF next) < alert level), else `ok`. Pure.
 */
export function alertStateOf({ hf, hfNext, alertLevel }: AlertStateOfParams): AlertState {
  if (hf < 1) return 'liquidatable';
  if (hfNext < 1) return 'liquidatable-next';
  if (Math.min(hf, hfNext) < alertLevel) return 'below-alert';
  return 'ok';
}
