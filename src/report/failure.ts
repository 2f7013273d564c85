import type { DetectError, Spent } from '../detect/detect.js';
import { ContentError } from '../errors.js';
import { seriesLength, type Series } from '../series/types.js';
import { escapeHtml, escapeMarkdown, escapeMarkdownInline, markdownCodeBlock } from './escape.js';
import { formatCost, formatLatency, formatTokens, plural } from './format.js';
import { htmlPage } from './page.js';

/** A series whose detect call failed: what failed and what was spent, for its report page. */
export interface FailedSeries {
  series: Series;
  length: number;
  /** Provider id as the user wrote it, e.g. `openai:gpt-4o`. */
  model: string;
  /** Stable error code, e.g. `provider.bad_request` or `content.invalid_answer`. */
  code: string;
  /** The error's one-sentence message. */
  message: string;
  /**
   * What was wrong with the answer (validation issues), when the model's text was the problem;
   * untrusted.
   */
  issues: string[];
  /** The model's raw answer, when one came back; untrusted. */
  rawText: string | null;
  spent: Spent;
}

/** A detect failure → the facts its report page shows. */
export function buildFailedSeries(series: Series, error: DetectError): FailedSeries {
  const cause = error.cause;
  const content = cause instanceof ContentError ? cause : null;
  return {
    series,
    length: seriesLength(series),
    model: error.provider,
    code: error.code,
    message: error.message,
    issues: content?.issues ?? [],
    rawText: content?.rawText ?? error.spent.rawText,
    spent: error.spent,
  };
}

/** The index page's verdict for a failed series. */
export function failedVerdict(failure: FailedSeries): string {
  return `Failed: ${failure.code}`;
}

/** Plain-text facts (label, value) of what the failed call spent. */
function spentFacts(failure: FailedSeries, generatedAt: string): [string, string][] {
  const { spent } = failure;
  return [
    ['model', failure.model],
    ['prompt', spent.prompt === null ? 'not built' : `${spent.prompt.id} v${spent.prompt.version}`],
    ['attempts', String(spent.attempts)],
    ['tokens', formatTokens(spent.usage)],
    ['cost', formatCost(spent.costUsd)],
    ['latency', formatLatency(spent.latencyMs)],
    ['generated', `${generatedAt} by anomscope`],
  ];
}

function facts(failure: FailedSeries): string {
  return [
    plural(failure.length, 'point'),
    `${plural(failure.series.channels.length, 'channel')}: ${failure.series.channels.join(', ')}`,
  ].join(' · ');
}

/**
 * The HTML page of a series whose detect call failed: the error, the raw answer (escaped) and what
 * was spent.
 */
export function failedReportHtml(
  failure: FailedSeries,
  options: { generatedAt: string; indexHref?: string },
): string {
  const id = failure.series.id;
  const parts: string[] = [];
  if (options.indexHref !== undefined)
    parts.push(`<p class="meta"><a href="${escapeHtml(options.indexHref)}">← all series</a></p>`);
  parts.push(`<h1>Anomaly report: ${escapeHtml(id)}</h1>`);
  parts.push(`<p class="meta">${escapeHtml(facts(failure))}</p>`);
  parts.push(
    `<div class="verdict failed" id="verdict">${escapeHtml(failedVerdict(failure))}</div>`,
  );
  parts.push(`<p class="summary" id="error-message">No report: ${escapeHtml(failure.message)}</p>`);
  if (failure.issues.length > 0) {
    parts.push('<h2>What was wrong with the answer</h2>');
    parts.push(
      `<ul id="issues">${failure.issues.map((issue) => `<li>${escapeHtml(issue)}</li>`).join('')}</ul>`,
    );
  }
  if (failure.rawText !== null) {
    parts.push('<h2>The model’s answer, as received</h2>');
    parts.push(
      failure.rawText === ''
        ? '<p id="raw-text">(empty)</p>'
        : `<pre class="raw" id="raw-text">${escapeHtml(failure.rawText)}</pre>`,
    );
  }
  parts.push('<h2>What was spent</h2>');
  const rows = spentFacts(failure, options.generatedAt);
  parts.push(
    `<footer><dl id="spent">${rows.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl></footer>`,
  );
  return htmlPage(`Anomaly report: ${id} (failed)`, parts.join('\n'));
}

/**
 * The Markdown page of a series whose detect call failed; the raw answer is shown verbatim in a
 * code block.
 */
export function failedReportMarkdown(
  failure: FailedSeries,
  options: { generatedAt: string },
): string {
  const lines: string[] = [
    `# Anomaly report: ${escapeMarkdownInline(failure.series.id)}`,
    '',
    escapeMarkdown(facts(failure)),
    '',
  ];
  lines.push(
    `**${escapeMarkdown(failedVerdict(failure))}.**`,
    '',
    `No report: ${escapeMarkdownInline(failure.message)}`,
    '',
  );
  if (failure.issues.length > 0)
    lines.push(
      '## What was wrong with the answer',
      '',
      ...failure.issues.map((issue) => `- ${escapeMarkdownInline(issue)}`),
      '',
    );
  if (failure.rawText !== null)
    lines.push(
      '## The model’s answer, as received',
      '',
      failure.rawText === '' ? '(empty)' : markdownCodeBlock(failure.rawText),
      '',
    );
  lines.push(
    '## What was spent',
    '',
    ...spentFacts(failure, options.generatedAt).map(
      ([name, value]) => `- **${name}:** ${escapeMarkdownInline(value)}`,
    ),
    '',
  );
  return lines.join('\n');
}
