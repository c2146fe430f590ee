import { DAY_MS } from '../../core/time.js';
import { escapeHtml } from '../escapeHtml.js';

/** One drawn series. Style it with `className` (page CSS) or `color` / `dash` / `width`. */
export interface ChartSeries {
  readonly label: string;
  /** `[x, y]` points in data units, x ascending. */
  readonly points: ReadonlyArray<readonly [number, number]>;
  /** `line` joins the points, `step` holds each value until the next point, `scatter` draws dots. @default "line" */
  readonly style?: 'line' | 'step' | 'scatter';
  readonly className?: string;
  readonly color?: string;
  readonly dash?: string;
  /** Stroke width, px. @default 1.3 */
  readonly width?: number;
}

/** A shaded x range (a stress episode, a degraded period). */
export interface ChartBand {
  readonly from: number;
  readonly to: number;
  /** Hover text. */
  readonly label: string;
  readonly className?: string;
  /** @default "#f5a623" when no className is given */
  readonly color?: string;
}

/** One marked point (a breach, a publication); `title` is its hover text. */
export interface ChartMarker {
  readonly x: number;
  readonly y: number;
  readonly title?: string;
  readonly className?: string;
  /** Outline colour when no className is given. */
  readonly color?: string;
}

export interface RenderSvgChartParams {
  /** Element id (and `data-chart`), unique in the page: tests look charts up by it. */
  readonly id: string;
  readonly title: string;
  readonly series: readonly ChartSeries[];
  readonly bands?: readonly ChartBand[];
  readonly markers?: readonly ChartMarker[];
  /** y-axis label, written vertically left of the plot. */
  readonly yLabel?: string;
  /** Log-scale y axis (prices). @default false */
  readonly logY?: boolean;
  /** Formats a y tick. @default the number with up to 6 significant digits */
  readonly yFormat?: (y: number) => string;
  /**
   * Formats an x tick; absent, x is ms UTC: year ticks over spans above two years, else five
   * dated ticks.
   */
  readonly xFormat?: (x: number) => string;
  /** x range; default the data's. Charts that must line up share one. */
  readonly xMin?: number;
  readonly xMax?: number;
  /** Legend entries drawn under the plot (series, then markers, then bands). Absent, no legend. */
  readonly legend?: readonly { readonly label: string; readonly color: string; readonly dash?: string }[];
  /** @default 640 */
  readonly width?: number;
  /** @default 220 */
  readonly height?: number;
  /** `width` attribute of the element (e.g. "100%" to fill the page). @default the width in px */
  readonly cssWidth?: string;
}

const YEAR_MS = 365 * DAY_MS;

/** Round tick steps: 1, 2 or 5 × 10^k covering `span` in about `count` steps. */
function niceStep(span: number, count: number): number {
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normalised = raw / magnitude;
  return (normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10) * magnitude;
}

function timeTick(t: number, span: number): string {
  const iso = new Date(t).toISOString();
  return span > 3 * DAY_MS ? iso.slice(0, 10) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/**
 * The one SVG chart engine of the reports (governance and backtest): lines, step lines or scatter
 * points, shaded bands, hoverable markers, grid and ticks, an optional legend. Self-contained: no
 * script, no external resource. Coordinates are rounded to 0.1 px so pages stay small.
 */
export function renderSvgChart({
  id,
  title,
  series,
  bands = [],
  markers = [],
  yLabel,
  logY = false,
  yFormat = (y) => String(Number(y.toPrecision(6))),
  xFormat,
  xMin: xMinParam,
  xMax: xMaxParam,
  legend,
  width = 640,
  height = 220,
  cssWidth,
}: RenderSvgChartParams): string {
  const usable = (y: number): boolean => Number.isFinite(y) && (!logY || y > 0);
  const xs = series.flatMap((s) => s.points.map((p) => p[0])).concat(markers.map((m) => m.x));
  const ys = series
    .flatMap((s) => s.points.map((p) => p[1]))
    .concat(markers.map((m) => m.y))
    .filter(usable);
  const xMin = xMinParam ?? (xs.length === 0 ? 0 : Math.min(...xs));
  const xMax = xMaxParam ?? (xs.length === 0 ? 1 : Math.max(...xs));
  const xSpan = Math.max(1e-9, xMax - xMin);
  let lo = ys.length === 0 ? 0 : Math.min(...ys);
  let hi = ys.length === 0 ? 1 : Math.max(...ys);
  let yTicks: number[];
  if (logY) {
    if (lo === hi) [lo, hi] = [lo / 1.1, hi * 1.1];
    const [a, b] = [Math.log(lo), Math.log(hi)];
    yTicks = [0, 1, 2, 3, 4].map((i) => Math.exp(a + ((b - a) * i) / 4));
  } else {
    if (hi - lo < 10 && Number.isInteger(lo) && Number.isInteger(hi)) [lo, hi] = [lo - 5, hi + 5];
    else if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
    const step = niceStep(hi - lo, 4);
    lo = Math.floor(lo / step) * step;
    hi = Math.ceil(hi / step) * step;
    yTicks = [];
    for (let v = lo; v <= hi + step / 2; v += step) yTicks.push(v);
  }
  const ty = (y: number): number => (logY ? Math.log(y) : y);
  const [tyLo, tyHi] = [ty(lo), ty(hi)];
  const margin = { left: yLabel === undefined ? 56 : 64, right: 14, top: 30, bottom: 30 };
  const plotW = width - margin.left - margin.right;
  // Legend rows under the x ticks, wrapped to the width.
  const legendItems = legend ?? [];
  const legendRows: { label: string; color: string; dash?: string; x: number; row: number }[] = [];
  let lx = margin.left;
  let row = 0;
  for (const item of legendItems) {
    const w = 30 + item.label.length * 6.2;
    if (lx + w > width - margin.right && lx > margin.left) [lx, row] = [margin.left, row + 1];
    legendRows.push({ ...item, x: lx, row });
    lx += w;
  }
  const legendH = legendItems.length === 0 ? 0 : 22 + row * 15;
  const plotH = height - margin.top - margin.bottom - legendH;
  const px = (x: number): number => margin.left + ((x - xMin) / xSpan) * plotW;
  const py = (y: number): number => margin.top + plotH - ((ty(y) - tyLo) / (tyHi - tyLo || 1)) * plotH;
  const r = (n: number): string => n.toFixed(1);
  const eid = escapeHtml(id);
  const out: string[] = [];
  out.push(
    `<svg id="${eid}" data-chart="${eid}" class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${cssWidth ?? width}" role="img" aria-labelledby="${eid}-title">`,
  );
  out.push(`<title id="${eid}-title">${escapeHtml(title)}</title>`);
  out.push(`<text x="${margin.left}" y="18" class="chart-title">${escapeHtml(title)}</text>`);
  if (xs.length === 0 || ys.length === 0) {
    out.push(`<text x="${margin.left}" y="${margin.top + 20}" class="tick">no data</text></svg>`);
    return out.join('');
  }
  for (const band of bands) {
    const x0 = px(Math.max(xMin, band.from));
    const x1 = Math.max(x0 + 2, px(Math.min(xMax, band.to)));
    if (band.to < xMin || band.from > xMax) continue;
    const look =
      band.className === undefined
        ? `fill="${band.color ?? '#f5a623'}" opacity="0.18"`
        : `class="${escapeHtml(band.className)}"`;
    out.push(
      `<rect ${look} x="${r(x0)}" y="${margin.top}" width="${r(x1 - x0)}" height="${r(plotH)}"><title>${escapeHtml(band.label)}</title></rect>`,
    );
  }
  for (const v of yTicks) {
    out.push(
      `<line class="grid" stroke="#e3e3e3" x1="${margin.left}" x2="${width - margin.right}" y1="${r(py(v))}" y2="${r(py(v))}"/>`,
    );
    out.push(
      `<text class="tick" x="${margin.left - 6}" y="${r(py(v) + 4)}" text-anchor="end">${escapeHtml(yFormat(v))}</text>`,
    );
  }
  const tickY = margin.top + plotH + 16;
  if (xFormat === undefined && xSpan > 2 * YEAR_MS) {
    for (let year = new Date(xMin).getUTCFullYear() + 1; year <= new Date(xMax).getUTCFullYear(); year++) {
      const x = px(Date.UTC(year, 0, 1));
      out.push(
        `<line stroke="#eeeeee" x1="${r(x)}" x2="${r(x)}" y1="${margin.top}" y2="${r(margin.top + plotH)}"/>`,
      );
      out.push(`<text class="tick" x="${r(x)}" y="${r(tickY)}" text-anchor="middle">${year}</text>`);
    }
  } else {
    for (let i = 0; i <= 4; i++) {
      const x = xMin + (xSpan * i) / 4;
      const text = xFormat === undefined ? timeTick(x, xSpan) : xFormat(x);
      out.push(
        `<text class="tick" x="${r(px(x))}" y="${r(tickY)}" text-anchor="${i === 0 ? 'start' : i === 4 ? 'end' : 'middle'}">${escapeHtml(text)}</text>`,
      );
    }
  }
  out.push(
    `<rect class="frame" fill="none" stroke="#999" x="${margin.left}" y="${margin.top}" width="${plotW}" height="${r(plotH)}"/>`,
  );
  if (yLabel !== undefined)
    out.push(
      `<text class="tick" transform="translate(14 ${r(margin.top + plotH / 2)}) rotate(-90)" text-anchor="middle">${escapeHtml(yLabel)}</text>`,
    );
  for (const s of series) {
    const pts = s.points.filter((p) => usable(p[1]));
    if (pts.length === 0) continue;
    const label = escapeHtml(s.label);
    const cls = s.className === undefined ? '' : ` class="${escapeHtml(s.className)}"`;
    const color = s.color ?? '#555';
    if (s.style === 'scatter') {
      out.push(
        `<g${cls} fill="${color}" opacity="0.55" data-series="${label}">${pts.map((p) => `<circle cx="${r(px(p[0]))}" cy="${r(py(p[1]))}" r="1.6"/>`).join('')}</g>`,
      );
      continue;
    }
    let d = '';
    pts.forEach(([x, y], i) => {
      if (i === 0) d += `M${r(px(x))} ${r(py(y))}`;
      else if (s.style === 'step') d += `H${r(px(x))}V${r(py(y))}`;
      else d += `L${r(px(x))} ${r(py(y))}`;
    });
    const look =
      s.className === undefined
        ? ` fill="none" stroke="${color}" stroke-width="${s.width ?? 1.3}"${s.dash === undefined ? '' : ` stroke-dasharray="${s.dash}"`}`
        : cls;
    out.push(`<path d="${d}"${look} data-series="${label}"/>`);
  }
  for (const m of markers) {
    const look =
      m.className === undefined
        ? `fill="none" stroke="${m.color ?? '#c0392b'}" stroke-width="1.6" class="marker"`
        : `class="${escapeHtml(m.className)}"`;
    out.push(
      `<circle ${look} cx="${r(px(m.x))}" cy="${r(py(m.y))}" r="3.5">${m.title === undefined ? '' : `<title>${escapeHtml(m.title)}</title>`}</circle>`,
    );
  }
  for (const item of legendRows) {
    const y = margin.top + plotH + 34 + item.row * 15;
    out.push(
      `<line x1="${r(item.x)}" x2="${r(item.x + 18)}" y1="${y - 4}" y2="${y - 4}" stroke="${item.color}" stroke-width="3"${item.dash === undefined ? '' : ` stroke-dasharray="${item.dash}"`}/>`,
    );
    out.push(`<text x="${r(item.x + 22)}" y="${y}" class="legend">${escapeHtml(item.label)}</text>`);
  }
  out.push('</svg>');
  return out.join('');
}
