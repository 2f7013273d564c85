import { escapeHtml } from './escape.js';

/** Inline style sheet shared by every report page (no external assets, prints well). */
const css = `
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --red: #c62828; --green: #2e7d32; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1000px; margin: 0 auto; padding: 28px 20px 40px; }
h1 { font-size: 26px; margin: 0 0 4px; word-break: break-word; }
h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 20px 0 8px; word-break: break-word; }
h4 { font-size: 15px; margin: 10px 0 2px; word-break: break-word; }
h5 { font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); margin: 10px 0 4px; }
p { margin: 8px 0; }
a { color: var(--accent); }
.meta { color: var(--muted); margin: 0 0 16px; }
.verdict { display: inline-block; font-weight: 600; padding: 6px 12px; border-radius: 6px; margin: 4px 0 8px; }
.verdict.anomalous { background: #fdecea; color: var(--red); border: 1px solid #f5c2c0; }
.verdict.normal { background: #e8f5e9; color: var(--green); border: 1px solid #b9dfbb; }
.verdict.failed { background: #fff4e5; color: #8a4b00; border: 1px solid #f0c98a; }
.status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12.5px; font-weight: 600; }
.status.ok { background: #e8f5e9; color: var(--green); }
.status.failed { background: #fff4e5; color: #8a4b00; }
.summary { font-size: 16px; }
figure { margin: 14px 0; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
.zooms { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 6px 18px; }
.key { display: inline-block; width: 11px; height: 11px; border-radius: 2px; vertical-align: -1px; margin: 0 4px 0 10px; }
.key.predicted { background: rgba(230, 159, 0, 0.5); }
.key.truth { background: rgba(0, 114, 178, 0.45); border-bottom: 3px solid #0072b2; }
table { border-collapse: collapse; width: 100%; font-size: 14px; margin: 8px 0 16px; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
tbody tr:nth-child(even) td { background: #fbfcfd; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.nowrap, span.nowrap { white-space: nowrap; }
.definition { color: var(--muted); font-size: 12.5px; }
.sev { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12.5px; font-weight: 600; }
.sev.high { background: #fdecea; color: #b71c1c; }
.sev.medium { background: #fff4e5; color: #a15c00; }
.sev.low { background: #eef4fb; color: #1d4f91; }
.explanation { overflow-wrap: anywhere; }
table.anomalies td.explanation { min-width: 240px; }
table.scores { width: auto; min-width: 420px; }
.facts th { width: 1%; white-space: nowrap; }
table.leaderboard { font-size: 12.5px; margin: 0; }
.scroll { overflow-x: auto; margin: 8px 0 16px; }
table.leaderboard th, table.leaderboard td { padding: 4px 6px; white-space: nowrap; }
table.compact td:first-child { white-space: normal; min-width: 140px; }
table.overview, table.categories { font-size: 13px; width: auto; min-width: 50%; margin: 0; }
details { margin: 0 0 14px; }
summary { cursor: pointer; color: var(--accent); font-size: 13px; }
nav.toc { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; margin: 12px 0 8px; font-size: 14px; }
nav.toc ul { margin: 4px 0 0; padding-left: 18px; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; }
.cols > div { min-width: 0; }
pre.raw { background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 10px; font-size: 12.5px; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 320px; overflow: auto; }
.case { border: 1px solid var(--line); border-radius: 6px; padding: 4px 16px 12px; margin: 16px 0; }
.warn { color: #a15c00; }
footer { margin-top: 36px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 13px; }
footer dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 6px 0; }
footer dt { font-weight: 600; }
footer dd { margin: 0; overflow-wrap: anywhere; }
@media print { main { max-width: none; } .case, figure { break-inside: avoid; } }
`;

/**
 * A complete, self-contained HTML page: inline CSS, and a Content-Security-Policy that allows no
 * script, no network and only `data:` images, as a second guard behind escaping.
 */
export function htmlPage(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body><main>',
    body,
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}

/** A PNG as a `data:` URL for an `<img src>`. */
export function pngDataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}

/** One table cell: `text` is escaped; `html` is trusted markup built by this module. */
export type Cell = { text: string; className?: string } | { html: string; className?: string };

/** An HTML table from header labels and rows of cells; every `text` cell is escaped. */
export function htmlTable(
  headers: readonly (string | { text: string; className: string })[],
  rows: readonly (readonly Cell[])[],
  className?: string,
): string {
  const th = headers.map((header) =>
    typeof header === 'string'
      ? `<th>${escapeHtml(header)}</th>`
      : `<th class="${header.className}">${escapeHtml(header.text)}</th>`,
  );
  const body = rows.map(
    (row) =>
      `<tr>${row.map((cell) => `<td${cell.className === undefined ? '' : ` class="${cell.className}"`}>${'html' in cell ? cell.html : escapeHtml(cell.text)}</td>`).join('')}</tr>`,
  );
  return `<table${className === undefined ? '' : ` class="${className}"`}>\n<thead><tr>${th.join('')}</tr></thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table>`;
}
