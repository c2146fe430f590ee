import { chainSection } from './chainSection.js';
import { impactSection } from './impactSection.js';
import type { RiskParamsBps } from '../risk/types.js';
import { correlationSection } from './correlationSection.js';
import { escapeHtml } from './escapeHtml.js';
import { lineChartSvg, type ChartPoint } from './lineChartSvg.js';
import type { ReportAsset, ReportData, ReportRecord } from './ReportData.js';

/** The four charted parameters, in the order shown. */
export const REPORT_CHARTS = [
  { param: 'volIndexBps', label: 'Volatility index (bp, annualised)' },
  { param: 'ltvBps', label: 'Loan-to-value (bp)' },
  { param: 'ltBps', label: 'Liquidation threshold (bp)' },
  { param: 'lbBps', label: 'Liquidation bonus (bp)' },
] as const satisfies readonly { param: keyof RiskParamsBps; label: string }[];

/** Stages listed in the clamps-and-freezes table (model notes are in the records, not here). */
const LISTED_STAGES = new Set(['input', 'quality', 'freeze', 'bounds', 'invariant', 'control']);

const CSS = `
.heats{display:flex;flex-wrap:wrap;gap:24px}.heat{border-collapse:collapse;font-size:12px}.heat td,.heat th{padding:3px 6px;text-align:right}.heat caption{text-align:left;font-weight:600;padding-bottom:4px}
.bad{color:#b42318;font-weight:600}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1d2330;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #d6dae3;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}.meta{color:#5b6476}
table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}th,td{border:1px solid #d6dae3;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f2f4f8}td.num{text-align:right;font-variant-numeric:tabular-nums}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,420px),660px));gap:8px 16px}
svg.chart{max-width:100%;height:auto}
.chart{background:#fbfcfe;border:1px solid #e3e6ee}.chart-title{font-size:13px;font-weight:600;fill:#1d2330}
.tick{font-size:10px;fill:#5b6476}.grid{stroke:#e3e6ee;stroke-width:1}.frame{fill:none;stroke:#c4c9d4}
.line-candidate{fill:none;stroke:#8a93a6;stroke-width:1.2;stroke-dasharray:4 3}
.line-onchain{fill:none;stroke:#1f5fbf;stroke-width:2}.publication{fill:#d9480f;stroke:#fff;stroke-width:1}
.band-degraded{fill:#f2b8b5;opacity:.55}.band-frozen{fill:#b9cdf3;opacity:.6}
.legend span{display:inline-block;margin-right:16px}.sw{display:inline-block;width:18px;height:10px;margin-right:5px;vertical-align:middle}
code{font-size:12px}
`;

const iso = (ms: number | null): string =>
  ms === null ? '—' : new Date(ms).toISOString().replace('.000Z', 'Z');

/** Contiguous runs of records matching `test`, each from its first record to the next record after the run. */
function bands(
  records: readonly ReportRecord[],
  test: (r: ReportRecord) => boolean,
): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let start: number | undefined;
  records.forEach((record, i) => {
    const next = records[i + 1];
    if (test(record)) start ??= record.ts;
    if (start !== undefined && (next === undefined || !test(next))) {
      out.push({ from: start, to: next?.ts ?? record.ts });
      start = undefined;
    }
  });
  return out;
}

interface ReasonRun {
  readonly stage: string;
  readonly code: string;
  readonly param: string;
  readonly first: number;
  last: number;
  cycles: number;
  change: string;
  detail: string;
}

/** Consecutive cycles with the same reason collapse into one row (first, last, count, latest values). */
function reasonRuns(records: readonly ReportRecord[]): ReasonRun[] {
  const runs: ReasonRun[] = [];
  let open = new Map<string, ReasonRun>();
  for (const record of records) {
    const next = new Map<string, ReasonRun>();
    for (const reason of record.reasons) {
      if (!LISTED_STAGES.has(reason.stage)) continue;
      const key = `${reason.stage}|${reason.code}|${reason.param ?? ''}`;
      const change =
        reason.from === undefined || reason.to === undefined ? '' : `${reason.from} → ${reason.to}`;
      const run = open.get(key);
      if (run !== undefined) {
        run.last = record.ts;
        run.cycles += 1;
        run.change = change;
        run.detail = reason.detail;
        next.set(key, run);
      } else if (!next.has(key)) {
        const created: ReasonRun = {
          stage: reason.stage,
          code: reason.code,
          param: reason.param ?? '',
          first: record.ts,
          last: record.ts,
          cycles: 1,
          change,
          detail: reason.detail,
        };
        runs.push(created);
        next.set(key, created);
      }
    }
    open = next;
  }
  return runs;
}

function assetSection(asset: ReportAsset): string {
  const { records } = asset;
  const out: string[] = [
    `<section class="asset" id="asset-${escapeHtml(asset.asset)}">`,
    `<h2>${escapeHtml(asset.asset)}${asset.configured ? '' : ' <small>(no longer configured)</small>'}</h2>`,
  ];
  if (records.length === 0) {
    out.push('<p class="meta">No records in this window.</p>', '</section>');
    return out.join('\n');
  }
  const published = records.filter((r) => r.round !== null);
  const last = published[published.length - 1];
  out.push(
    '<table class="summary"><tr><th>cycles</th><th>publications</th><th>degraded cycles</th><th>frozen cycles</th><th>first</th><th>last</th><th>on-chain now (VI / LTV / LT / LB bp)</th><th>model</th></tr>',
  );
  out.push(
    `<tr><td class="num">${records.length}</td><td class="num">${published.length}</td><td class="num">${records.filter((r) => r.degraded).length}</td><td class="num">${records.filter((r) => r.frozen).length}</td>` +
      `<td>${iso(records[0]?.ts ?? null)}</td><td>${iso(records[records.length - 1]?.ts ?? null)}</td>` +
      `<td>${last === undefined ? 'nothing published in this window' : `${last.candidate.volIndexBps} / ${last.candidate.ltvBps} / ${last.candidate.ltBps} / ${last.candidate.lbBps} (round ${escapeHtml(last.round ?? '')})`}</td>` +
      `<td>${escapeHtml([...new Set(records.map((r) => r.modelVersion ?? 'n/a'))].join(', '))}</td></tr></table>`,
  );
  const tMin = records[0]?.ts ?? 0;
  const tMax = records[records.length - 1]?.ts ?? tMin + 1;
  const degraded = bands(records, (r) => r.degraded);
  const frozen = bands(records, (r) => r.frozen);
  out.push('<div class="charts">');
  for (const { param, label } of REPORT_CHARTS) {
    let onChain: number | null = null;
    const points: ChartPoint[] = records.map((r) => {
      if (r.round !== null) onChain = r.candidate[param];
      return { t: r.ts, candidate: r.candidate[param], onChain };
    });
    out.push(
      lineChartSvg({
        id: `chart-${asset.asset}-${param}`,
        title: `${asset.asset} · ${label}`,
        points,
        publications: published.map((r) => ({ t: r.ts, round: r.round ?? '', value: r.candidate[param] })),
        degraded,
        frozen,
        tMin,
        tMax: Math.max(tMax, tMin + 1),
      }),
    );
  }
  out.push('</div>');
  const runs = reasonRuns(records);
  out.push(`<h3>Clamps, limits, freezes and data-quality decisions (${runs.length})</h3>`);
  if (runs.length === 0) out.push('<p class="meta">None in this window.</p>');
  else {
    out.push(
      '<table class="reasons"><tr><th>from</th><th>to</th><th>cycles</th><th>stage</th><th>code</th><th>param</th><th>change (bp)</th><th>reason</th></tr>',
    );
    for (const run of runs) {
      out.push(
        `<tr><td>${iso(run.first)}</td><td>${iso(run.last)}</td><td class="num">${run.cycles}</td><td>${escapeHtml(run.stage)}</td><td><code>${escapeHtml(run.code)}</code></td>` +
          `<td>${escapeHtml(run.param)}</td><td class="num">${escapeHtml(run.change)}</td><td>${escapeHtml(run.detail)}</td></tr>`,
      );
    }
    out.push('</table>');
  }
  out.push(`<h3>Publications (${published.length})</h3>`);
  if (published.length > 0) {
    out.push(
      '<table class="publications"><tr><th>round</th><th>collected</th><th>reason</th><th>VI</th><th>LTV</th><th>LT</th><th>LB</th><th>transaction</th></tr>',
    );
    for (const r of published) {
      out.push(
        `<tr><td class="num">${escapeHtml(r.round ?? '')}</td><td>${iso(r.ts)}</td><td>${escapeHtml(r.publishReason)}</td>` +
          `<td class="num">${r.candidate.volIndexBps}</td><td class="num">${r.candidate.ltvBps}</td><td class="num">${r.candidate.ltBps}</td><td class="num">${r.candidate.lbBps}</td>` +
          `<td><code>${escapeHtml(r.txHash ?? '')}</code></td></tr>`,
      );
    }
    out.push('</table>');
  }
  out.push('</section>');
  return out.join('\n');
}

/**
 * The governance report as one self-contained HTML page: per asset, charts of the volatility
 * index, LTV, LT and bonus over time (on-chain step line, candidate dashed, publications marked,
 * degraded periods shaded red, frozen periods blue), the clamps and freezes with their reasons,
 * and the publications. Inline CSS and SVG only: no script, no external resource (a CSP says so).
 */
export function renderGovernanceReport(data: ReportData): string {
  const window = `${data.from === null ? 'the beginning' : iso(data.from)} to ${data.to === null ? 'now' : iso(data.to)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ballast governance report</title>
<style>${CSS}</style>
</head>
<body>
<h1>Ballast governance report</h1>
<p class="meta">Records from ${escapeHtml(window)} · generated ${iso(data.generatedAt)} from <code>${escapeHtml(data.source)}</code> · ${data.assets.length} asset(s)</p>
<p class="legend"><span><i class="sw" style="background:#1f5fbf"></i>on-chain</span><span><i class="sw" style="border-top:2px dashed #8a93a6;height:0"></i>candidate</span><span><i class="sw" style="background:#d9480f;border-radius:5px;width:10px"></i>publication</span><span><i class="sw" style="background:#f2b8b5"></i>degraded data</span><span><i class="sw" style="background:#b9cdf3"></i>borrowing frozen</span></p>
<nav>${data.assets.map((a) => `<a href="#asset-${escapeHtml(a.asset)}">${escapeHtml(a.asset)}</a>`).join(' · ')}${data.chains === undefined ? '' : ' · <a href="#chains">publication per chain</a>'}${data.impacts === undefined ? '' : ' · <a href="#impact">impact on positions</a>'}${data.correlations ? ' · <a href="#correlations">correlations</a>' : ''}</nav>
${data.chains === undefined ? '' : chainSection(data.chains, data.assets)}
${data.impacts === undefined ? '' : impactSection(data.impacts)}
${data.correlations === undefined || data.correlations === null ? '' : correlationSection(data.correlations)}
${data.assets.map((asset) => assetSection(asset)).join('\n')}
</body>
</html>
`;
}
