import type { RoundImpact } from '../risk/health/RoundImpact.js';

const usd = (value: number): string => `$${value.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

/**
 * The lines `ballast run` and `explain` print for a round's impact on positions
 * (docs/positions.md): who it would push under HF 1, per asset, and whether a ramp shaped it.
 */
export function formatRoundImpact(impact: RoundImpact, round: string): string[] {
  if (impact.status === 'failed')
    return [`impact of round ${round}: not computed (${impact.error}); the round went out all the same`];
  const { newlyLiquidatable: hit, evaluated, belowAlert } = impact;
  const context = `${evaluated} position${evaluated === 1 ? '' : 's'} with debt in ${impact.sources} source${impact.sources === 1 ? '' : 's'}, ${belowAlert} below their alert level after it`;
  const lines =
    hit.positions === 0
      ? [`impact of round ${round}: no position becomes liquidatable (${context})`]
      : [
          `impact of round ${round}: ${hit.positions} position${hit.positions === 1 ? '' : 's'} go from HF ≥ 1 to HF < 1, ${usd(hit.debtUsd)} of debt on ${usd(hit.collateralUsd)} of collateral (${context})`,
          ...impact.byAsset.map(
            (line) =>
              `  ${line.asset}: ${line.positions} position${line.positions === 1 ? '' : 's'}, ${usd(line.collateralUsd)} collateral, ${usd(line.debtUsd)} debt`,
          ),
        ];
  for (const change of impact.changes) {
    if (change.ramped)
      lines.push(
        `  ${change.asset}: LT ramped by governance (ltRampHours ${change.ltRampHours}): ${change.toBps} bp now, target ${change.targetBps} bp`,
      );
  }
  return lines;
}
