import type { AlertMessage } from '../../store/AlertMessage.js';

/**
 * The sample alert `ballast alerts test` sends: shaped like a real one, with a position id that no
 * source can have (`sample/…`) so a receiver can tell it apart. `now` in ms.
 */
export function sampleAlert(now: number): AlertMessage {
  return {
    type: 'ballast.position.alert',
    id: `sample/0x0000000000000000000000000000000000000000#${now}`,
    position: 'sample/0x0000000000000000000000000000000000000000',
    state: 'below-alert',
    previousState: 'ok',
    hf: 1.0625,
    hfNext: 1.0625,
    alertLevel: 1.1,
    collateralUsd: 20_000,
    debtUsd: 16_000,
    cycleTs: now,
    detectedAt: new Date(now).toISOString(),
  };
}
