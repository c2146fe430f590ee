import { CrossAssetInputError } from './errors.js';
import type { AlignedCloses } from './types.js';

const HOUR_MS = 3_600_000;

/** A position's exposures in USD at the evaluation hour, indexed like `aligned.assets`. */
export interface PortfolioExposure {
  /** USD value of each asset held as collateral (≥ 0). */
  readonly collateral: readonly number[];
  /** USD value of each asset owed (≥ 0). */
  readonly debt: readonly number[];
  /** Collateral held in USD (stablecoins), constant in value. @default 0 */
  readonly collateralUsd?: number;
  /** Debt owed in USD (stablecoins), constant in value. @default 0 */
  readonly debtUsd?: number;
}

export interface PortfolioDropQuantileParams {
  readonly aligned: AlignedCloses;
  /** `sigma[a][h]`: each asset's EWMA σ at aligned hour `h` (NaN where not yet known). */
  readonly sigma: readonly ArrayLike<number>[];
  readonly exposure: PortfolioExposure;
  /** Evaluation hour: index into `aligned.ts`; only hours ≤ it are used (no look-ahead). */
  readonly at: number;
  /** Liquidation horizon H, whole hours ≥ 1. */
  readonly horizonHours: number;
  /** Confidence α in (0.5, 1). */
  readonly alpha: number;
  /** Use every `stride`-th start hour (≥ 1). */
  readonly stride: number;
  /** Scenarios on each side of the quantile averaged for the contributions (≥ 0). */
  readonly neighbours: number;
}

export interface PortfolioDropQuantileResult {
  /** Drop quantile of the collateral-to-debt value ratio over H, fraction; null with no scenario. */
  readonly q: number | null;
  /** Number of historical scenarios (start hours). */
  readonly scenarios: number;
  /**
   * Each asset's share of the fall of (collateral − debt) around the quantile scenario, USD
   * (positive = the asset loses the position value). Averaged over the 2·neighbours + 1 scenarios
   * ranked around the quantile. Zero everywhere with no scenario.
   */
  readonly contributions: number[];
  /** Open time of the start hour of the quantile scenario; null with no scenario. */
  readonly quantileStart: number | null;
}

/**
 * Portfolio drop quantile by multivariate filtered historical simulation (Barone-Adesi, Giannopoulos
 * and Vosper 1999; docs/cross-asset.md). Every scenario replays one historical start hour `i`
 * for all assets at once, so their dependence is kept without a correlation matrix. Each asset's
 * log price path over `(ts_i, ts_i + H]` is rescaled by its current over its then volatility:
 * `x̃_a(s) = ln(P_a,s / P_a,i) · σ_a,at / σ_a,i`. The position is valued along the path,
 * `C(s) = Σ c_a e^{x̃_a(s)} + C_usd`, `D(s) = Σ d_a e^{x̃_a(s)} + D_usd`, and its drop is the worst
 * fall of the collateral-to-debt ratio: `δ_i = 1 − min_s (C(s)/D(s)) / (C/D)` (without debt, of C).
 * `q` is the empirical α-quantile of `δ_i` (the ⌈α n⌉-th smallest), floored at 0.
 * For one asset against USD debt this is exactly the single-asset FHS quantile of §4.
 * Starts need a known σ and a complete window `ts_i + H ≤ ts_at`.
 * Units: fraction of the ratio. Range: [0, 1).
 * @throws CrossAssetInputError on a negative exposure, a bad α, horizon or stride, an `at` outside
 *   the hours, or no collateral.
 */
export function portfolioDropQuantile(params: PortfolioDropQuantileParams): PortfolioDropQuantileResult {
  const { aligned, sigma, exposure, at, horizonHours, alpha, stride, neighbours } = params;
  const k = aligned.assets.length;
  const n = aligned.ts.length;
  if (!(Number.isInteger(at) && at >= 0 && at < n))
    throw new CrossAssetInputError(`at: ${at} is not allowed; expected an index of the ${n} aligned hours`);
  if (!(Number.isInteger(horizonHours) && horizonHours >= 1))
    throw new CrossAssetInputError(`horizonHours: ${horizonHours} is not allowed; expected whole hours ≥ 1`);
  if (!(alpha > 0.5 && alpha < 1))
    throw new CrossAssetInputError(`alpha: ${alpha} is not allowed; expected a number in (0.5, 1)`);
  if (!(Number.isInteger(stride) && stride >= 1))
    throw new CrossAssetInputError(`stride: ${stride} is not allowed; expected an integer ≥ 1`);
  const c = exposure.collateral;
  const d = exposure.debt;
  if (c.length !== k || d.length !== k || sigma.length !== k)
    throw new CrossAssetInputError(
      `exposure: collateral, debt and sigma need one entry per asset (${k}: ${aligned.assets.join(', ')})`,
    );
  for (let a = 0; a < k; a++) {
    if (!(c[a]! >= 0 && Number.isFinite(c[a]!)))
      throw new CrossAssetInputError(
        `collateral.${aligned.assets[a]}: ${c[a]} is not allowed; expected a finite USD value ≥ 0`,
      );
    if (!(d[a]! >= 0 && Number.isFinite(d[a]!)))
      throw new CrossAssetInputError(
        `debt.${aligned.assets[a]}: ${d[a]} is not allowed; expected a finite USD value ≥ 0`,
      );
  }
  const cUsd = exposure.collateralUsd ?? 0;
  const dUsd = exposure.debtUsd ?? 0;
  const cNow = c.reduce((s, x) => s + x, cUsd);
  const dNow = d.reduce((s, x) => s + x, dUsd);
  if (!(cNow > 0))
    throw new CrossAssetInputError('collateral: the position holds no collateral; expected a total > 0');
  const hasDebt = dNow > 0;
  const ratioNow = hasDebt ? cNow / dNow : cNow;
  const active: number[] = [];
  for (let a = 0; a < k; a++) if (c[a]! > 0 || d[a]! > 0) active.push(a);
  const sigmaNow = active.map((a) => sigma[a]![at]!);
  const logClose = aligned.close.map((closes, a) =>
    active.includes(a) ? Float64Array.from(closes, Math.log) : new Float64Array(0),
  );
  const drops: number[] = [];
  const starts: number[] = [];
  const worst: number[] = [];
  const tsAt = aligned.ts[at]!;
  const hMs = horizonHours * HOUR_MS;
  const scale = new Float64Array(active.length);
  if (sigmaNow.every((s) => s > 0)) {
    for (let i = 0; i < n && aligned.ts[i]! + hMs <= tsAt; i += stride) {
      let ok = true;
      for (let m = 0; m < active.length; m++) {
        const si = sigma[active[m]!]![i]!;
        if (!(si > 0)) {
          ok = false;
          break;
        }
        scale[m] = sigmaNow[m]! / si;
      }
      if (!ok) continue;
      const end = aligned.ts[i]! + hMs;
      let minRatio = Number.POSITIVE_INFINITY;
      let worstJ = -1;
      for (let j = i + 1; j < n && aligned.ts[j]! <= end; j++) {
        let cv = cUsd;
        let dv = dUsd;
        for (let m = 0; m < active.length; m++) {
          const a = active[m]!;
          const g = Math.exp((logClose[a]![j]! - logClose[a]![i]!) * scale[m]!);
          cv += c[a]! * g;
          dv += d[a]! * g;
        }
        const ratio = hasDebt ? cv / dv : cv;
        if (ratio < minRatio) {
          minRatio = ratio;
          worstJ = j;
        }
      }
      if (worstJ < 0) continue; // no synchronous hour inside the window
      drops.push(1 - minRatio / ratioNow);
      starts.push(i);
      worst.push(worstJ);
    }
  }
  const contributions = new Array<number>(k).fill(0);
  if (drops.length === 0) return { q: null, scenarios: 0, contributions, quantileStart: null };
  const order = drops.map((_, idx) => idx).sort((x, y) => drops[x]! - drops[y]! || x - y);
  const rank = Math.min(drops.length, Math.max(1, Math.ceil(alpha * drops.length - 1e-9)));
  const qIdx = order[rank - 1]!;
  const lo = Math.max(0, rank - 1 - neighbours);
  const hi = Math.min(drops.length - 1, rank - 1 + neighbours);
  for (let r = lo; r <= hi; r++) {
    const idx = order[r]!;
    const i = starts[idx]!;
    const j = worst[idx]!;
    for (let m = 0; m < active.length; m++) {
      const a = active[m]!;
      const si = sigma[a]![i]!;
      const g = Math.exp((logClose[a]![j]! - logClose[a]![i]!) * (sigmaNow[m]! / si));
      contributions[a]! += (-(c[a]! - d[a]!) * (g - 1)) / (hi - lo + 1);
    }
  }
  return {
    q: Math.max(0, drops[qIdx]!),
    scenarios: drops.length,
    contributions,
    quantileStart: aligned.ts[starts[qIdx]!]!,
  };
}
