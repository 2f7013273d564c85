import { formatLeaderboard } from '../bench/format.js';
import { escapeMarkdown, escapeMarkdownInline, markdownCodeBlock } from './escape.js';
import { markdownTable } from './markdown.js';
import { caseText, rowsByTrack, runSummary, type RunReportContext } from './run-case.js';
import { trackOverview } from './run-sections.js';

/**
 * The run report in Markdown; pictures linked as files in the report folder; model text
 * neutralised.
 */
export function runReportMarkdown(context: RunReportContext & { chartFile: string }): string {
  const lines: string[] = [
    `# Benchmark report: ${escapeMarkdownInline(context.suite.id)}`,
    '',
    `run ${escapeMarkdown(context.runId)} · ${escapeMarkdown(runSummary(context))}`,
    '',
  ];
  const overview = trackOverview(context.leaderboard);
  lines.push(
    escapeMarkdown(context.suite.description),
    '',
    '## Overview by track',
    '',
    markdownTable(overview.headers, overview.rows, overview.numeric),
    '',
    '## Leaderboard',
    '',
    `![Leaderboard chart](${context.chartFile})`,
    '',
  );
  for (const [track, rows] of rowsByTrack(context)) {
    // formatLeaderboard's cells are ours (numbers, model ids, prompt ids) with `|` escaped already.
    lines.push(`### ${escapeMarkdownInline(track)}`, '', formatLeaderboard(rows, 'markdown'));
    const categories = context.categories.get(track);
    if (categories !== undefined && categories.rows.length > 0)
      lines.push(
        'By category (mean headline score; failed answers count 0):',
        '',
        markdownTable(categories.headers, categories.rows, categories.numeric),
        '',
      );
  }
  lines.push(
    '## Where models fail: worst-scored series',
    '',
    "Per track, the lowest-scoring answers (failures first). Orange: the model's intervals; blue: the truth.",
    '',
  );
  for (const [track, cases] of context.worst) {
    lines.push(`### ${escapeMarkdownInline(track)}`, '');
    if (cases.length === 0) lines.push('Every answer on this track scored perfectly.', '');
    for (const worstCase of cases) {
      const image = context.images.get(worstCase.row.key);
      const text = caseText(worstCase, image?.channels ?? worstCase.item.series.channels);
      lines.push(
        `#### ${escapeMarkdownInline(text.title)}`,
        '',
        escapeMarkdown(text.scoreLine),
        '',
      );
      if (image !== undefined)
        lines.push(
          `![Series ${escapeMarkdownInline(worstCase.row.seriesId)}: model answer and truth](${image.file})`,
          '',
        );
      const answer = new Map(text.answer);
      const truth = new Map(text.truth);
      const names = [...new Set([...answer.keys(), ...truth.keys()])];
      lines.push(
        markdownTable(
          ['', 'model answer', 'truth'],
          names.map((name) => [name, answer.get(name) ?? '', truth.get(name) ?? '']),
        ),
        '',
      );
      lines.push(
        'Raw answer:',
        '',
        text.rawText === null ? '_no text came back_' : markdownCodeBlock(text.rawText),
        '',
      );
    }
  }
  lines.push('---', '', `Generated ${escapeMarkdownInline(context.generatedAt)} by anomscope.`, '');
  return lines.join('\n');
}
