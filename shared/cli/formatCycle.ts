import type { CycleResult } from '../pipeline/runCycle.js';
import { formatRoundImpact } from './formatRoundImpact.js';

const pct = (bps: number): string => `${(bps / 100).toFixed(2)}%`;

/** A readable table of one cycle: per asset the published parameters, then the transaction. */
export function formatCycle(cycle: CycleResult, index: number, signer: string): string {
  const header = [
    'asset',
    'ref price',
    'venues',
    'vol index',
    'LTV',
    'liq. threshold',
    'liq. bonus',
    'status',
  ];
  // Pairs (docs/cross-asset.md) after the assets; their reference is a ratio, e.g. ETH in BTC.
  const rows = [...cycle.assets, ...cycle.pairs].map(({ collect, compute }) => {
    const params = compute.publishDue ? compute.record.candidate : compute.record.published;
    const okVenues = collect.venues.filter((v) => v.ok).length;
    const status = [
      compute.publishDue ? `publish (${compute.record.publish.reason})` : 'unchanged',
      ...(compute.record.flags.degraded ? ['DEGRADED'] : []),
      ...(compute.record.flags.frozen ? ['FROZEN'] : []),
      ...(compute.record.flags.fhsFallback ? ['t-fallback'] : []),
    ].join(', ');
    return [
      compute.asset,
      collect.referencePrice === null
        ? 'n/a'
        : compute.asset.includes('/')
          ? collect.referencePrice.toPrecision(6)
          : collect.referencePrice.toLocaleString('en-US', { maximumFractionDigits: 2 }),
      `${okVenues}/${collect.venues.length}`,
      pct(params.volIndexBps),
      pct(params.ltvBps),
      pct(params.ltBps),
      pct(params.lbBps),
      status,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [`cycle ${index}`, line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const excluded = cycle.assets.flatMap(({ collect }) =>
    collect.venues
      .filter((v) => !v.ok)
      .map((v) => `  ${collect.asset}: ${v.venue} excluded: ${v.excludedReason ?? 'unknown'}`),
  );
  out.push(...excluded);
  const p = cycle.publish;
  switch (p.status) {
    case 'mined':
      out.push(
        `published round ${p.round}: tx ${p.txHash} (block ${p.blockNumber}, gas ${p.gasUsed}), signer ${signer}`,
      );
      if (p.impact !== undefined) out.push(...formatRoundImpact(p.impact, p.round));
      break;
    case 'reverted':
      out.push(`round ${p.round} REVERTED on-chain: ${p.error ?? 'unknown'} (tx ${p.txHash})`);
      break;
    case 'rejected':
      out.push(`round ${p.round} not sent: the oracle would refuse it: ${p.error}`);
      break;
    case 'pending':
      out.push(`round ${p.round} still pending: tx ${p.txHash}`);
      break;
    case 'dropped':
      out.push(`round ${p.round} DROPPED: ${p.error}; its round number is taken again by the next batch`);
      break;
    case 'busy':
      out.push(`not published: ${p.detail}`);
      break;
    case 'nothing-due':
      for (const r of p.repaired)
        out.push(
          `finished the bookkeeping of round ${r.round} (${r.status}) left half-recorded by an earlier run`,
        );
      if (p.skipped.length === 0)
        out.push(
          'nothing to publish this cycle (no parameter moved by the deviation threshold, heartbeat not due)',
        );
      for (const s of p.skipped)
        out.push(
          s.reason === 'already-published'
            ? `${s.asset}: record ${s.ts} is already on-chain in round ${s.round ?? '?'}`
            : `${s.asset}: record ${s.ts} superseded: a newer record (${s.byTs ?? '?'}) is already published${s.round === undefined ? '' : ` in round ${s.round}`}`,
        );
      break;
  }
  return out.join('\n');
}
