import type { AssetConfig } from '../../config/assetsConfig.js';
import { liquidationBonus } from '../params/liquidationBonus.js';
import { liquidationThreshold } from '../params/liquidationThreshold.js';
import { loanToValue } from '../params/loanToValue.js';
import { toBps } from '../params/toBps.js';
import type { Mutable } from '../engine/createCycleScratch.js';
import type { RiskParamsBps } from '../types.js';

export interface RawParamsParams {
  readonly config: AssetConfig;
  readonly volIndexBps: number;
  /** Slippage of selling Q (fraction), and the drop quantiles with σ_fast (no APC); null when not computable. */
  readonly slip: number | null;
  readonly qLtNoApc: number | null;
  readonly qLtvNoApc: number | null;
}

/**
 * The raw model (docs/methodology.md §6): APC off, no governance bounds, no freeze, no control layer;
 * the series calibration is judged on. `LB = slip + fee + gas`, `LT = (1 − q) (1 − slip) − ε` capped
 * so that `LT (1 + LB) ≤ 1`, `LTV = min(LT, LT (1 − q_react))`. Without inputs: LT = LTV = 0, LB = 100 %.
 * With `out` (a cycle scratch), the parameters are written there instead of a new object.
 */
export function rawParams(
  { config, volIndexBps, slip, qLtNoApc, qLtvNoApc }: RawParamsParams,
  out?: Mutable<RiskParamsBps>,
): RiskParamsBps {
  if (slip === null || qLtNoApc === null || qLtvNoApc === null)
    return paramsBps(out, volIndexBps, 0, 0, 10_000);
  const epsilon = config.epsilonBps / 10_000;
  const lb = liquidationBonus(slip, config.liquidationFeeBps / 10_000, config.gasBufferBps / 10_000);
  const lt = Math.min(Math.max(0, liquidationThreshold(qLtNoApc, slip, epsilon)), 1 / (1 + lb));
  const ltBps = toBps(lt, 'down');
  const lbBps = toBps(lb, 'up');
  const ltvBps = Math.min(ltBps, toBps(loanToValue(lt, qLtvNoApc), 'down'));
  return paramsBps(out, volIndexBps, ltvBps, ltBps, lbBps);
}

function paramsBps(
  out: Mutable<RiskParamsBps> | undefined,
  volIndexBps: number,
  ltvBps: number,
  ltBps: number,
  lbBps: number,
): RiskParamsBps {
  if (out === undefined) return { volIndexBps, ltvBps, ltBps, lbBps, haircutBps: 10_000 - ltvBps };
  out.volIndexBps = volIndexBps;
  out.ltvBps = ltvBps;
  out.ltBps = ltBps;
  out.lbBps = lbBps;
  out.haircutBps = 10_000 - ltvBps;
  return out;
}
