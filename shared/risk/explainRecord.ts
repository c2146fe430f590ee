import type { RiskRecord } from './types.js';

const pct = (x: number | null, digits = 2): string => (x === null ? 'n/a' : `${(x * 100).toFixed(digits)} %`);
const bp = (x: number): string => `${(x / 100).toFixed(2)} %`;

/**
 * A human-readable breakdown of a record for governance and operators (`ballast explain`): the
 * volatility behind the index, which term dominated LT (market drop, slippage or margin ε), what
 * set LB and LTV, every clamp/limit/freeze that bit, and the publish decision. Pure; no I/O.
 */
export function explainRecord(record: RiskRecord): string {
  const { intermediate: m, flags, raw, target, published, publish } = record;
  const lines: string[] = [];
  lines.push(
    `${record.asset} at ${new Date(record.asOf).toISOString()} (model ${record.modelVersion}, config ${record.configHash.slice(0, 12)}, inputs ${record.inputsHash.slice(0, 12)})`,
  );
  lines.push(
    `Volatility index ${bp(published.volIndexBps)} a year: σ_fast ${pct(m.sigmaFast, 3)}/h, σ_slow ${pct(m.sigmaSlow, 3)}/h, ` +
      `range-based ${pct(m.rangeVol24h, 3)}/h (24 h) ${pct(m.rangeVol168h, 3)}/h (168 h)${flags.rangeVolDisagreement ? ' — DISAGREES with EWMA (data-quality flag)' : ''}`,
  );
  if (m.volatilityModel !== undefined) {
    const iv =
      m.impliedVolHourly === undefined || m.impliedVolHourly === null
        ? 'implied volatility not collected'
        : `implied ${pct(m.impliedVolHourly * Math.sqrt(8760), 1)} a year (${pct(m.impliedVolHourly, 3)}/h)`;
    lines.push(
      `Volatility model ${m.volatilityModel}: σ ${pct(m.sigmaModel ?? null, 3)}/h scales the drop quantile (HAR-RV ${pct(m.sigmaHar ?? null, 3)}/h${flags.harFallback === true ? ', no forecast: EWMA used' : ''}); ${iv}`,
    );
  }
  lines.push(
    `Anti-procyclicality: ${m.apcMode}; σ_margin ${pct(m.sigmaMargin, 3)}/h (σ_stress ${pct(m.sigmaStress, 3)}/h, σ_longrun ${pct(m.sigmaLongRun, 3)}/h)`,
  );
  lines.push(
    `Horizon ${m.horizonHours === null ? 'n/a' : m.horizonHours.toFixed(2)} h (FHS uses ${m.horizonHoursUsed ?? 'n/a'} h); ` +
      `hourly volume ${m.hourlyVolumeUsd === null ? 'n/a' : `${(m.hourlyVolumeUsd / 1e6).toFixed(2)} M USD`}`,
  );
  lines.push(
    `Drop quantiles: LT q = ${pct(m.qLt)} (k = ${m.kLt?.toFixed(3) ?? 'n/a'} from ${m.zCountLt} drops${flags.fhsFallback ? ', Student-t fallback' : ''}; without APC ${pct(m.qLtNoApc)}), ` +
      `LTV q = ${pct(m.qLtv)} over ${m.reactionHours} h (k = ${m.kLtv?.toFixed(3) ?? 'n/a'})`,
  );
  lines.push(
    `Slippage of Q: ${pct(m.slip)} from ${m.slipSource}${flags.sqrtExtrapolated ? ' (book exhausted, square-root law)' : ''}; depth ±2 %: ${m.depth2PctUsd === null ? 'n/a' : `${(m.depth2PctUsd / 1e6).toFixed(2)} M USD`}`,
  );
  if (m.qLt !== null && m.slip !== null) {
    const terms = [
      { name: 'market drop q', loss: m.qLt },
      { name: 'slippage', loss: (1 - m.qLt) * m.slip },
      // What remains between the liquidation value and LT: margin ε, rounding, bounds and invariants.
      { name: 'margin ε and limits', loss: Math.max(0, (1 - m.qLt) * (1 - m.slip) - target.ltBps / 10_000) },
    ].sort((a, b) => b.loss - a.loss);
    lines.push(
      `LT ${bp(target.ltBps)} (raw model ${bp(raw.ltBps)}): dominated by ${terms[0]!.name} (${pct(terms[0]!.loss)}), then ${terms[1]!.name} (${pct(terms[1]!.loss)})`,
    );
  } else {
    lines.push(
      `LT ${bp(target.ltBps)}: not computable this cycle, kept from the last publication or the governance minimum`,
    );
  }
  lines.push(
    `LB ${bp(target.lbBps)} (raw ${bp(raw.lbBps)} = slippage + fee + gas buffer); LTV ${bp(target.ltvBps)} (raw ${bp(raw.ltvBps)}), haircut ${bp(target.haircutBps)}`,
  );
  if (flags.frozen) lines.push('FROZEN: new borrowing disabled (LTV = 0); LT is never raised while frozen');
  if (flags.degraded) lines.push('DEGRADED: parameters may only tighten this cycle');
  const bit = record.reasons.filter((r) => r.stage !== 'input');
  if (bit.length === 0) lines.push('No clamp, limit or freeze applied.');
  for (const r of bit)
    lines.push(`  [${r.stage}] ${r.code}${r.param === undefined ? '' : ` (${r.param})`}: ${r.detail}`);
  lines.push(
    `Published: LTV ${bp(published.ltvBps)}, LT ${bp(published.ltBps)}, LB ${bp(published.lbBps)} — ` +
      (publish.due
        ? `update due (${publish.reason}; moved LTV ${publish.changeBps.ltv} / LT ${publish.changeBps.lt} / LB ${publish.changeBps.lb} bp)`
        : 'no update due (below deviation, heartbeat not reached)'),
  );
  return lines.join('\n');
}
