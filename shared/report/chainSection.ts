import type { ReportAsset, ReportChain } from './ReportData.js';
import { escapeHtml } from './escapeHtml.js';

/**
 * The report's "Publication per chain" section (docs/multi-chain.md): per target chain, its newest
 * round and what became of it (pending and failed rounds visible), and per asset, how many of the
 * window's records were published there, failed there (with the last reason), or are pending.
 */
export function chainSection(chains: readonly ReportChain[], assets: readonly ReportAsset[]): string {
  const rows = chains.map((chain) => {
    const last =
      chain.lastRound === null
        ? 'none yet'
        : `round ${escapeHtml(chain.lastRound)} ${escapeHtml(chain.lastRoundStatus ?? '')}${chain.lastBlockNumber === null ? '' : `, block ${chain.lastBlockNumber}`}${chain.lastTxHash === null ? '' : `<br><code>${escapeHtml(chain.lastTxHash)}</code>`}${chain.lastError === null ? '' : `<br>${escapeHtml(chain.lastError)}`}`;
    const bad = chain.lastRoundStatus === 'reverted' || chain.lastRoundStatus === 'dropped';
    const perAsset = assets
      .map((asset) => {
        const statuses = asset.records.map((r) => r.chains.find((c) => c.chainId === chain.chainId));
        const count = (status: string) => statuses.filter((s) => s?.status === status).length;
        const failed = statuses.filter((s) => s?.status === 'failed');
        const lastError = failed.at(-1)?.error;
        return `${escapeHtml(asset.asset)}: ${count('published')} published, ${count('pending')} pending, ${failed.length} failed${lastError === undefined || lastError === null ? '' : ` (last: ${escapeHtml(lastError)})`}`;
      })
      .join('<br>');
    return `<tr><td>${escapeHtml(chain.name)}</td><td>${chain.chainId}</td><td${bad ? ' class="bad"' : ''}>${last}</td><td>${perAsset}</td></tr>`;
  });
  return [
    '<section id="chains">',
    '<h2>Publication per chain</h2>',
    '<p class="meta">Every target chain gets the same records through its own publisher lane; a chain that was down or lagging catches up stepping from its own values (docs/multi-chain.md). Pending: due but not (yet) on that chain; failed: that chain\'s oracle refused or reverted it.</p>',
    `<table><tr><th>chain</th><th>id</th><th>newest round</th><th>records of the window</th></tr>${rows.join('')}</table>`,
    '</section>',
  ].join('\n');
}
