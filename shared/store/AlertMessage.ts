/**
 * A position's alert state (docs/positions.md, "Alerts"), from the most to the least severe:
 * `liquidatable` HF < 1 under the parameters on-chain; `liquidatable-next` HF ≥ 1 now but < 1 under
 * the next candidate; `below-alert` HF (now or under the next candidate) below the position's alert
 * level; `ok` none of these (or no debt).
 */
export type AlertState = 'ok' | 'below-alert' | 'liquidatable-next' | 'liquidatable';

export const ALERT_STATES: readonly AlertState[] = ['ok', 'below-alert', 'liquidatable-next', 'liquidatable'];

/**
 * One alert: the JSON body a webhook receives (and the SNS message), stored in the outbox before it
 * is sent. `id` is unique per position and state change: receivers deduplicate on it.
 */
export interface AlertMessage {
  readonly type: 'ballast.position.alert';
  /** `<position id>#<sequence>`: the position's n-th state change. */
  readonly id: string;
  /** Position id `<source>/<account>` (docs/positions.md). */
  readonly position: string;
  readonly state: AlertState;
  readonly previousState: AlertState;
  /** HF under the parameters on-chain; null without debt. */
  readonly hf: number | null;
  /** HF under the next candidate parameters; null without debt. */
  readonly hfNext: number | null;
  readonly alertLevel: number;
  readonly collateralUsd: number;
  readonly debtUsd: number;
  /** The cycle whose prices and parameters gave these figures, ms UTC. */
  readonly cycleTs: number;
  /** When the monitor saw the change, ISO 8601. */
  readonly detectedAt: string;
}
