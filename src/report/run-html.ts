import { formatLeaderboard } from '../bench/format.js';
import { escapeHtml } from './escape.js';
import { htmlPage, pngDataUrl } from './page.js';
import { caseText, rowsByTrack, runSummary, type RunReportContext } from './run-case.js';

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

/** A per-track leaderboard table; the track column is dropped (the heading names the track). */
function leaderboardTable(markdown: string): string {
  const parsed = parseMarkdownTable(markdown);
  const drop = parsed.headers[0] === 'track' ? 1 : 0;
  const headers = parsed.headers.slice(drop);
  const numeric = parsed.numeric.slice(drop);
  const rows = parsed.rows.map((row) => row.slice(drop));
  const cls = (index: number): string => (numeric[index] === true ? ' class="num"' : '');
  const head = headers
    .map((header, index) => `<th${cls(index)}>${escapeHtml(header)}</th>`)
    .join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((cell, index) => `<td${cls(index)}>${escapeHtml(cell)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<div class="scroll"><table class="leaderboard">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
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
  parts.push('<h2>Leaderboard</h2>');
  parts.push(
    `<figure><img class="chart" src="${pngDataUrl(context.chartPng)}" alt="Leaderboard chart: headline score per model and track"><figcaption>Headline metric per model, one panel per track; trivial baselines for reference.</figcaption></figure>`,
  );
  for (const [track, rows] of rowsByTrack(context)) {
    parts.push(`<h3>${escapeHtml(track)}</h3>`);
    parts.push(leaderboardTable(formatLeaderboard(rows, 'markdown')));
  }
  parts.push('<h2>Where models fail: worst-scored series</h2>');
  parts.push(
    '<p>Per track, the lowest-scoring answers (failures first). Red: the model’s intervals; green: the truth; a tinted panel is a channel the model named.</p>',
  );
  for (const [track, cases] of context.worst) {
    parts.push(`<h3>${escapeHtml(track)}</h3>`);
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
