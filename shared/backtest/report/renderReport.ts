import { DAY_MS } from '../../core/time.js';
import type { Candle } from '../../core/types.js';
import type { SeriesEvaluation } from '../evaluateSeries.js';
import type { BacktestSummary, SeriesSummary, StaticResult } from '../summarizeBacktest.js';
import { seriesRowAt } from '../seriesRowAt.js';
import type { SeriesColumns, SeriesRow, StressEpisode } from '../types.js';
import { renderSvgChart, type ChartSeries } from '../../report/chart/renderSvgChart.js';
import { escapeHtml } from '../../report/escapeHtml.js';

export interface RenderReportParams {
  readonly summary: BacktestSummary;
  readonly published: SeriesColumns;
  readonly raw: SeriesColumns;
  readonly publishedEvaluation: SeriesEvaluation;
  readonly candles: readonly Candle[];
  readonly episodes: readonly StressEpisode[];
  /** The command that produced the report, shown for reproduction. */
  readonly command: string;
}

/** One chart of this page: the report's chart engine at page width, with a legend, in a figure. */
function timeChart(params: {
  readonly id: string;
  readonly title: string;
  readonly yLabel: string;
  readonly lines: readonly ChartSeries[];
  readonly bands?: readonly { readonly from: number; readonly to: number; readonly label: string }[];
  readonly markers?: readonly { readonly x: number; readonly y: number; readonly color: string }[];
  readonly markerLabel?: string;
  readonly logY?: boolean;
  readonly yFormat: (y: number) => string;
  readonly xFormat?: (x: number) => string;
  readonly scatter?: boolean;
  readonly height?: number;
}): string {
  const markers = params.markers ?? [];
  const bands = params.bands ?? [];
  const legend = [
    ...params.lines.map((l) => ({
      label: l.label,
      color: l.color ?? '#555',
      ...(l.dash === undefined ? {} : { dash: l.dash }),
    })),
    ...(markers[0] === undefined ? [] : [{ label: params.markerLabel ?? 'marker', color: markers[0].color }]),
    ...(bands.length > 0 ? [{ label: 'stress episode', color: '#f5a623' }] : []),
  ];
  const chart = renderSvgChart({
    id: params.id,
    title: params.title,
    yLabel: params.yLabel,
    series: params.lines.map((l) => (params.scatter === true ? { ...l, style: 'scatter' } : l)),
    bands,
    markers,
    legend,
    logY: params.logY ?? false,
    yFormat: params.yFormat,
    ...(params.xFormat === undefined ? {} : { xFormat: params.xFormat }),
    width: 960,
    height: params.height ?? 300,
    cssWidth: '100%',
  });
  return `<figure>${chart}</figure>`;
}

const pct = (bps: number, digits = 1): string => `${(bps / 100).toFixed(digits)} %`;
const date = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const verdict = (ok: boolean): string =>
  ok ? '<span class="pass">pass</span>' : '<span class="fail">fail</span>';

/**
 * report.html: one self-contained page (inline CSS and SVG, no script, no network) that a governance
 * reader understands without the JSON: the verdicts in words, the coverage and efficiency tables,
 * and four charts (price with stress episodes, LT/LTV against the static lines with breaches marked,
 * haircut against volatility, raw vs published haircut).
 */
export function renderReport({
  summary: s,
  published,
  raw,
  publishedEvaluation,
  candles,
  episodes,
  command,
}: RenderReportParams): string {
  // The rows at 00:00 UTC (one a day), as objects: the charts draw these only.
  const daily = (rows: SeriesColumns): SeriesRow[] => {
    const out: SeriesRow[] = [];
    for (let k = 0; k < rows.length; k++) if (rows.ts[k]! % DAY_MS === 0) out.push(seriesRowAt(rows, k));
    return out;
  };
  const first = s.range.firstRowTs;
  const last = s.range.lastRowTs;
  const bands = episodes
    .filter((e) => e.to > first && e.from <= last)
    .map((e) => ({ from: e.from, to: e.to, label: e.name }));
  const priceLine: ChartSeries = {
    label: `${s.asset} close (USD, log scale)`,
    color: '#1f4e79',
    points: candles
      .filter((c) => c[0] >= first && c[0] <= last && c[0] % DAY_MS === 0)
      .map((c) => [c[0], c[4]] as const),
  };
  const pubDaily = daily(published);
  const rawDaily = daily(raw);
  const flat = (label: string, color: string, bps: number, dash: string): ChartSeries => ({
    label,
    color,
    dash,
    points: [
      [first, bps / 100],
      [last, bps / 100],
    ],
  });
  const given = s.static.given;
  const paramLines: ChartSeries[] = [
    {
      label: 'LT published',
      color: '#c0392b',
      points: pubDaily.map((r) => [r.ts, r.ltBps / 100] as const),
      width: 1.6,
    },
    {
      label: 'LTV published',
      color: '#2471a3',
      points: pubDaily.map((r) => [r.ts, r.ltvBps / 100] as const),
      width: 1.6,
    },
    {
      label: 'LT raw model',
      color: '#e6a0a0',
      points: rawDaily.map((r) => [r.ts, r.ltBps / 100] as const),
      width: 0.8,
    },
    flat(`hindsight static LT ${pct(s.static.hindsight.ltBps)}`, '#7d3c98', s.static.hindsight.ltBps, '6 3'),
    ...(given === null
      ? []
      : [
          flat(`static LT ${pct(given.ltBps)}`, '#555555', given.ltBps, '2 3'),
          flat(`static LTV ${pct(given.ltvBps)}`, '#999999', given.ltvBps, '2 3'),
        ]),
  ];
  const breachMarkers = publishedEvaluation.samples
    .filter((x) => x.breach)
    .map((x) => ({ x: x.ts, y: x.ltBps / 100, color: '#000000' }));
  const charts = [
    timeChart({
      id: 'chart-price',
      title: `${s.asset} price with stress episodes shaded`,
      yLabel: 'USD',
      lines: [priceLine],
      bands,
      logY: true,
      yFormat: (y) => (y >= 100 ? y.toFixed(0) : y.toPrecision(3)),
    }),
    timeChart({
      id: 'chart-params',
      title:
        'Liquidation threshold and LTV over time, against static parameters (circles: LT breaches of the published series)',
      yLabel: '% of collateral value',
      lines: paramLines,
      bands,
      markers: breachMarkers,
      markerLabel: 'LT breach',
      yFormat: (y) => `${y.toFixed(0)} %`,
      height: 340,
    }),
    timeChart({
      id: 'chart-haircut-vol',
      title: 'Haircut against the volatility index (daily samples)',
      yLabel: 'haircut %',
      lines: [
        {
          label: 'raw model',
          color: '#b0b0b0',
          points: rawDaily.map((r) => [r.volIndexBps / 100, r.haircutBps / 100] as const),
        },
        {
          label: 'published',
          color: '#2471a3',
          points: pubDaily.map((r) => [r.volIndexBps / 100, r.haircutBps / 100] as const),
        },
      ],
      scatter: true,
      xFormat: (x) => `${x.toFixed(0)} % vol`,
      yFormat: (y) => `${y.toFixed(0)} %`,
    }),
    timeChart({
      id: 'chart-haircut-time',
      title: 'Haircut over time: raw model vs published (anti-procyclicality and rate limits)',
      yLabel: 'haircut %',
      lines: [
        {
          label: 'raw model',
          color: '#b0b0b0',
          points: rawDaily.map((r) => [r.ts, r.haircutBps / 100] as const),
        },
        {
          label: 'published',
          color: '#2471a3',
          points: pubDaily.map((r) => [r.ts, r.haircutBps / 100] as const),
          width: 1.6,
        },
      ],
      bands,
      yFormat: (y) => `${y.toFixed(0)} %`,
    }),
  ];

  // For the published series the safety test is one-sided: too few breaches is conservative by design,
  // so the two-sided statistics are shown but not judged there.
  const twoSided = (ok: boolean, x: SeriesSummary, oneSided: boolean): string =>
    oneSided && !ok && x.breachRate < 1 - s.alphaLt
      ? '<span class="muted">(conservative)</span>'
      : verdict(ok);
  const seriesRow = (name: string, x: SeriesSummary, oneSided: boolean): string =>
    `<tr><th>${name}</th><td>${x.breaches} / ${x.samples}</td><td>${(x.breachRate * 100).toFixed(2)} %</td><td>${x.kupiec.lrPof.toFixed(2)} ${twoSided(!x.kupiec.rejectTwoSided, x, oneSided)}</td>` +
    `<td>${x.kupiec.binomialTailP.toFixed(3)} ${oneSided ? verdict(!x.kupiec.rejectOneSided) : ''}</td><td>${x.christoffersen.lrInd.toFixed(2)} ${verdict(!x.christoffersen.rejectInd)}</td>` +
    `<td>${x.christoffersen.lrCc.toFixed(2)} ${twoSided(!x.christoffersen.rejectCc, x, oneSided)}</td><td>${pct(x.mean.overall.ltvBps)}</td><td>${pct(x.mean.calm.ltvBps)}</td><td>${pct(x.mean.stressed.ltvBps)}</td>` +
    `<td>${pct(x.mean.overall.ltBps)}</td><td>${pct(x.mean.calm.ltBps)}</td><td>${x.changes}</td></tr>`;
  const staticRow = (name: string, x: StaticResult): string =>
    `<tr><th>${name}</th><td>${x.breaches} / ${x.samples}</td><td>${(x.breachRate * 100).toFixed(2)} %</td><td>${x.kupiecLrPof.toFixed(2)}</td><td>${x.binomialTailP.toFixed(3)}</td><td>–</td><td>–</td>` +
    `<td>${pct(x.meanLtvBps)}</td><td>${pct(x.calmLtvBps)}</td><td>${pct(x.meanLtvBps)}</td><td>${pct(x.ltBps)}</td><td>${pct(x.ltBps)}</td><td>0</td></tr>`;
  const pc = s.procyclicality
    .map(
      (e) =>
        `<tr><th>${escapeHtml(e.episode)}</th><td>${date(e.from)} → ${date(e.to)}</td>` +
        `<td>${e.raw === null ? '–' : `${(e.raw.maxIncrease24hBps / 100).toFixed(1)} / ${(e.raw.maxIncrease7dBps / 100).toFixed(1)} pts`}</td>` +
        `<td>${e.published === null ? '–' : `${(e.published.maxIncrease24hBps / 100).toFixed(1)} / ${(e.published.maxIncrease7dBps / 100).toFixed(1)} pts`}</td>` +
        `<td>${e.raw?.peakToTrough?.toFixed(2) ?? '–'}</td><td>${e.published?.peakToTrough?.toFixed(2) ?? '–'}</td></tr>`,
    )
    .join('');
  const c = s.checks;
  const p = s.published;
  const lines = [
    `<li>Raw model calibration (expected ${((1 - s.alphaLt) * 100).toFixed(0)} % breaches): Kupiec two-sided ${verdict(c.rawKupiecTwoSidedPass)}, Christoffersen ${verdict(c.rawChristoffersenPass)} — ${s.raw.breaches} breaches in ${s.raw.samples} daily samples.</li>`,
    `<li>Published parameters, safety: breaches not significantly above ${((1 - s.alphaLt) * 100).toFixed(0)} % ${verdict(c.publishedOneSidedPass)} (${p.breaches} in ${p.samples}, P(X ≥ ${p.breaches}) = ${p.kupiec.binomialTailP.toFixed(3)}); no clustering ${verdict(c.publishedChristoffersenPass)}.</li>`,
    `<li>LTV promise (a position opened at max LTV reaching LT within ${p.ltv.reactionHours} h, expected at most ${((1 - p.ltv.alphaLtv) * 100).toFixed(0)} %): raw model Kupiec two-sided ${verdict(c.rawLtvKupiecTwoSidedPass)}, Christoffersen ${verdict(c.rawLtvChristoffersenPass)} (${s.raw.ltv.breaches} in ${s.raw.ltv.samples}); published one-sided ${verdict(c.publishedLtvOneSidedPass)} (${p.ltv.breaches} in ${p.ltv.samples}, P(X ≥ ${p.ltv.breaches}) = ${p.ltv.binomialTailP.toFixed(3)}).</li>`,
    `<li>Efficiency: mean published LT ${pct(p.mean.overall.ltBps)} vs the best static LT chosen with hindsight and no more breaches, ${pct(s.static.hindsight.ltBps)}: ${verdict(c.publishedMeanLtAtLeastHindsight)}. Calm-period mean LTV ${pct(p.mean.calm.ltvBps)}${given === null ? '' : ` vs static LTV ${pct(given.ltvBps)}`}.</li>`,
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ballast backtest — ${escapeHtml(s.asset)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;max-width:1000px;margin:24px auto;padding:0 16px}
h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;width:100%;font-size:12.5px;margin:8px 0}th,td{border:1px solid #ddd;padding:4px 6px;text-align:right}th{text-align:left;background:#f7f7f7}
.pass{color:#1e8449;font-weight:600}.fail{color:#c0392b;font-weight:600}.muted{color:#666;font-size:12.5px}
figure{margin:18px 0}.chart-title{font-size:13px;font-weight:600;fill:#222}.tick{font-size:11px;fill:#555}.legend{font-size:11px;fill:#333}
code{background:#f3f3f3;padding:1px 4px;border-radius:3px;font-size:12px}
</style></head><body>
<h1>Ballast backtest — ${escapeHtml(s.asset)}</h1>
<p class="muted">Model ${escapeHtml(s.modelVersion)} · config ${s.configHash.slice(0, 16)} · APC mode <b>${escapeHtml(s.apcMode)}</b> · model horizon ${s.modelHorizon === 'volume' ? 'from volume' : `${s.modelHorizon} h`} · evaluation horizon ${s.evaluationHorizonHours} h · α<sub>LT</sub> ${s.alphaLt} ·
${date(first)} → ${date(last)} (${s.range.rows} hourly rows, ${s.range.gapHours} missing hours in ${s.range.gaps} gaps, ${Math.round(s.range.warmupHours / 24)} days of warm-up before the first row) · ${s.publications} publications</p>
<h2>Verdict</h2><ul>${lines.join('')}</ul>
<p class="muted">A <b>breach</b> on day t: a position sitting exactly at the liquidation threshold, liquidated at the worst hourly close of the next ${s.evaluationHorizonHours} h after paying the modelled slippage, would not cover its debt. The model promises at most ${((1 - s.alphaLt) * 100).toFixed(0)} % of days. Samples are daily at 00:00 UTC (non-overlapping windows).</p>
<h2>Coverage and capital efficiency</h2>
<table><thead><tr><th>series</th><th>breaches</th><th>rate</th><th>Kupiec LR (two-sided)</th><th>P(X ≥ x) (one-sided)</th><th>Christoffersen LR<sub>ind</sub></th><th>LR<sub>cc</sub></th><th>mean LTV</th><th>calm LTV</th><th>stressed LTV</th><th>mean LT</th><th>calm LT</th><th>changes</th></tr></thead>
<tbody>${seriesRow('published', s.published, true)}${seriesRow('raw model (APC off, no limits)', s.raw, false)}${given === null ? '' : staticRow(`static (given) LTV ${pct(given.ltvBps)} / LT ${pct(given.ltBps)}`, given)}${staticRow('static LT, best with hindsight', s.static.hindsight)}</tbody></table>
<h2>LTV calibration</h2>
<table><thead><tr><th>series</th><th>LTV breaches</th><th>rate</th><th>expected</th><th>Kupiec LR (two-sided)</th><th>P(X ≥ x) (one-sided)</th><th>Christoffersen LR<sub>ind</sub></th></tr></thead>
<tbody>${[['published', s.published, true] as const, ['raw model', s.raw, false] as const]
    .map(
      ([name, x, oneSided]) =>
        `<tr><th>${name}</th><td>${x.ltv.breaches} / ${x.ltv.samples}</td><td>${(x.ltv.breachRate * 100).toFixed(2)} %</td><td>${(x.ltv.expectedRate * 100).toFixed(0)} %</td><td>${x.ltv.lrPof.toFixed(2)} ${oneSided ? '' : verdict(!x.ltv.rejectTwoSided)}</td><td>${x.ltv.binomialTailP.toFixed(3)} ${oneSided ? verdict(!x.ltv.rejectOneSided) : ''}</td><td>${x.ltv.lrInd.toFixed(2)} ${verdict(!x.ltv.rejectInd)}</td></tr>`,
    )
    .join('')}</tbody></table>
<p class="muted">LTV breach at t: the worst close within H<sub>react</sub> = ${s.published.ltv.reactionHours} h falls below LTV/LT of the price at t, on non-overlapping H<sub>react</sub> windows from 00:00 UTC, where borrowing is open (LTV &gt; 0).</p>
<p class="muted">Kupiec rejects above 3.841 (χ²(1)); Christoffersen LR<sub>ind</sub> above 3.841, LR<sub>cc</sub> above 5.991 (χ²(2)). Calm = hours whose trailing 30-day realised volatility is below its median; stressed = top decile. The hindsight static LTV keeps the published series' mean LTV/LT ratio.</p>
${charts.join('\n')}
<h2>Procyclicality in stress episodes</h2>
<table><thead><tr><th>episode</th><th>window</th><th>raw: largest haircut rise 24 h / 7 d</th><th>published: 24 h / 7 d</th><th>raw peak/trough</th><th>published peak/trough</th></tr></thead><tbody>${pc || '<tr><td colspan="6">no stress episode inside the range</td></tr>'}</tbody></table>
<h2>Reproduce</h2><p><code>${escapeHtml(command)}</code></p>
<p class="muted">series.csv holds one row per hour (what would be published once the candle opening at ts_ms has closed); every breach above can be recomputed from it and the candle file alone. summary.json holds every figure on this page.</p>
</body></html>
`;
}
