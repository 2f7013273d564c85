import { formatLeaderboard } from '../bench/format.js';
import { escapeHtml } from './escape.js';
import { htmlPage, pngDataUrl } from './page.js';
import { caseText, rowsByTrack, runSummary, type RunReportContext } from './run-case.js';
import { trackOverview, type TextTable } from './run-sections.js';

export type { CaseImage, RunReportContext } from './run-case.js';

/**
 * Cells of a Markdown table as written by `formatLeaderboard` (`|`-separated, `\|` escaped), and
 * which columns are right-aligned.
 */
export function parseMarkdownTable(markdown: string): {
  headers: string[];
  numeric: boolean[];
  rows: string[][];
} {
  const split = (line: string): string[] =>
    line
      .trim()
      .replace(/^\|/, '')
      .replace(/(?<!\\)\|$/, '')
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim().replaceAll('\\|', '|'));
  const lines = markdown.split('\n').filter((line) => line.trim().startsWith('|'));
  const [head, rule, ...body] = lines;
  return {
    headers: head === undefined ? [] : split(head),
    numeric: rule === undefined ? [] : split(rule).map((cell) => cell.endsWith(':')),
    rows: body.map(split),
  };
}

/** Columns of the compact per-track table; the rest sit in a folded full table. */
const COMPACT = new Set([
  'model',
  'prompt',
  'modality',
  'n',
  'score',
  '95% CI',
  'parse fail',
  'errors',
  'cost $',
]);

/** An HTML table from a parsed leaderboard, keeping only the columns `keep` accepts. */
function boardTable(
  parsed: ReturnType<typeof parseMarkdownTable>,
  keep: (header: string) => boolean,
  className: string,
): string {
  const columns = parsed.headers
    .map((header, index) => ({ header, index }))
    .filter((column) => column.header !== 'track' && keep(column.header));
  return textTableHtml(
    {
      headers: columns.map((column) => column.header),
      numeric: columns.map((column) => parsed.numeric[column.index] === true),
      rows: parsed.rows.map((row) => columns.map((column) => row[column.index] ?? '')),
    },
    className,
  );
}

/** A plain-text table as HTML (every cell escaped), wrapped so a wide one scrolls by itself. */
export function textTableHtml(table: TextTable, className: string): string {
  const cls = (index: number): string => (table.numeric[index] === true ? ' class="num"' : '');
  const head = table.headers
    .map((header, index) => `<th${cls(index)}>${escapeHtml(header)}</th>`)
    .join('');
  const body = table.rows
    .map(
      (row) =>
        `<tr>${row.map((cell, index) => `<td${cls(index)}>${escapeHtml(cell)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<div class="scroll"><table class="${className}">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}

/** A per-track leaderboard: the compact table, and every column folded under it. */
function leaderboardTable(markdown: string): string {
  const parsed = parseMarkdownTable(markdown);
  const compact = boardTable(parsed, (header) => COMPACT.has(header), 'leaderboard compact');
  const full = boardTable(parsed, () => true, 'leaderboard');
  return `${compact}\n<details><summary>all columns (secondary metrics, latency, tokens)</summary>\n${full}\n</details>`;
}

/** An id for an anchor, from a track name. */
function anchor(prefix: string, name: string): string {
  return `${prefix}-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

const factList = (facts: readonly [string, string][]): string =>
  `<table class="facts"><tbody>${facts.map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td class="explanation">${escapeHtml(value)}</td></tr>`).join('')}</tbody></table>`;

/** The run report as one self-contained HTML page (chart and plots inline); model text escaped. */
export function runReportHtml(context: RunReportContext & { chartPng: Uint8Array }): string {
  const parts: string[] = [];
  parts.push(`<h1>Benchmark report: ${escapeHtml(context.suite.id)}</h1>`);
  parts.push(
    `<p class="meta">run ${escapeHtml(context.runId)} · ${escapeHtml(runSummary(context))}</p>`,
  );
  parts.push(`<p>${escapeHtml(context.suite.description)}</p>`);
  const tracks = rowsByTrack(context);
  const worstTracks = [...context.worst.keys()];
  const trackLinks = (prefix: string, names: readonly string[]): string =>
    names.map((name) => `<a href="#${anchor(prefix, name)}">${escapeHtml(name)}</a>`).join(' · ');
  parts.push(
    `<nav class="toc"><strong>Contents</strong><ul>` +
      '<li><a href="#overview">Overview by track</a></li>' +
      '<li><a href="#leaderboard">Leaderboard chart</a></li>' +
      `<li>Tracks: ${trackLinks(
        'track',
        tracks.map(([name]) => name),
      )}</li>` +
      `<li><a href="#worst">Worst-scored series</a>: ${trackLinks('worst', worstTracks)}</li>` +
      '</ul></nav>',
  );
  parts.push('<h2 id="overview">Overview by track</h2>');
  parts.push(
    '<p class="meta">Headline score per track and model variant (95 % interval over series in brackets).</p>',
  );
  parts.push(textTableHtml(trackOverview(context.leaderboard), 'overview'));
  parts.push('<h2 id="leaderboard">Leaderboard chart</h2>');
  parts.push(
    `<figure><img class="chart" src="${pngDataUrl(context.chartPng)}" alt="Leaderboard chart: headline score per model and track"><figcaption>Headline metric per model, one panel per track; trivial baselines for reference.</figcaption></figure>`,
  );
  parts.push('<h2 id="tracks">Tracks</h2>');
  for (const [track, rows] of tracks) {
    parts.push(`<h3 id="${anchor('track', track)}">${escapeHtml(track)}</h3>`);
    parts.push(leaderboardTable(formatLeaderboard(rows, 'markdown')));
    const categories = context.categories.get(track);
    if (categories !== undefined && categories.rows.length > 0) {
      parts.push('<h5>By category (mean headline score; failed answers count 0)</h5>');
      parts.push(textTableHtml(categories, 'categories'));
    }
  }
  parts.push('<h2 id="worst">Where models fail: worst-scored series</h2>');
  parts.push(
    '<p>Per track, the lowest-scoring answers (failures first). Orange: the model’s intervals; blue: the truth; a tinted panel is a channel the model named.</p>',
  );
  for (const [track, cases] of context.worst) {
    parts.push(`<h3 id="${anchor('worst', track)}">${escapeHtml(track)}</h3>`);
    if (cases.length === 0) {
      parts.push('<p>Every answer on this track scored perfectly.</p>');
      continue;
    }
    for (const worstCase of cases) {
      const image = context.images.get(worstCase.row.key);
      const text = caseText(worstCase, image?.channels ?? worstCase.item.series.channels);
      parts.push('<div class="case">');
      parts.push(`<h4>${escapeHtml(text.title)}</h4>`);
      parts.push(`<p class="meta">${escapeHtml(text.scoreLine)}</p>`);
      if (image !== undefined)
        parts.push(
          `<figure><img class="plot" src="${pngDataUrl(image.png)}" alt="${escapeHtml(`Series ${worstCase.row.seriesId}: model answer and truth`)}"></figure>`,
        );
      const raw =
        text.rawText === null
          ? '<p class="meta">no text came back</p>'
          : `<pre class="raw">${escapeHtml(text.rawText)}</pre>`;
      parts.push(
        `<div class="cols"><div><h5>Model answer</h5>${factList(text.answer)}${raw}</div><div><h5>Truth</h5>${factList(text.truth)}</div></div>`,
      );
      parts.push('</div>');
    }
  }
  parts.push(
    `<footer>Generated ${escapeHtml(context.generatedAt)} by anomscope from the run folder’s suite.json, datasets and results.jsonl.</footer>`,
  );
  return htmlPage(`Benchmark report: ${context.suite.id} (${context.runId})`, parts.join('\n'));
}
