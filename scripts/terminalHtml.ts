/** A terminal transcript as a self-contained HTML page (dark, monospace), for a screenshot. */
export function terminalHtml(title: string, transcript: string): string {
  const escaped = transcript
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^(\$ .*)$/gm, '<b>$1</b>');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title.replace(/</g, '&lt;')}</title><style>
body{margin:0;background:#161b22;color:#d1d7e0;font:13px/1.4 "DejaVu Sans Mono",Menlo,Consolas,monospace}
pre{margin:0;padding:16px 20px;white-space:pre}b{color:#7ee787;font-weight:normal}
</style></head><body><pre>${escaped}</pre></body></html>`;
}
