import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { leaderboardChart } from '../bench/chart.js';
import { carriesConfidence, claimsOf } from '../bench/confidence.js';
import { scoreRunWithComparisons } from '../bench/leaderboard.js';
import { formatComparisons } from '../bench/summary.js';
import { calibration } from '../grade/calibration.js';
import type { DatasetSplit } from '../schema/dataset.js';
import { reliabilityDiagramSvg, type ReliabilitySeries } from './reliability.js';
import { latestRows, resultRowSchema, type ResultRow } from '../bench/result-row.js';
import { readJsonl } from '../bench/results-file.js';
import { readRunDatasets } from '../bench/run.js';
import { suiteSchema, type Suite } from '../bench/suite.js';
import { InputError } from '../errors.js';
import { gridShape } from '../render/index.js';
import { seriesFromJson } from '../series/index.js';
import { formatTime } from './format.js';
import { renderPlot } from './plots.js';
import type { CaseImage } from './run-case.js';
import { runReportHtml } from './run-html.js';
import { runReportMarkdown } from './run-markdown.js';
import { categoryBreakdown } from './run-sections.js';
import { worstCases } from './worst.js';

/** Options of {@link writeRunReport}. */
export interface WriteRunReportOptions {
  /** The run folder, `runs/<id>`. */
  runDir: string;
  /** Where to write. @default `<runDir>/report` */
  outDir?: string;
  /** Worst-scored answers shown per track. @default 5 */
  worstPerTrack?: number;
  /** Clock for the "generated" line. @default Date.now */
  now?: () => number;
}

/** Paths written by {@link writeRunReport}. */
export interface RunReportFiles {
  html: string;
  markdown: string;
  chart: string;
  /** Number of worst-case answers shown, over all tracks. */
  cases: number;
}

/**
 * The report of a benchmark run: leaderboard tables per track (HTML and Markdown), the chart, and
 * each track's worst-scored answers with the model's answer beside the truth. Reads only the run
 * folder; writes `index.html` (self-contained), `report.md`, `leaderboard.png` and `cases/*.png`.
 */
export async function writeRunReport(options: WriteRunReportOptions): Promise<RunReportFiles> {
  const runDir = options.runDir;
  const outDir = options.outDir ?? join(runDir, 'report');
  const suite = await readSuite(runDir);
  const { rows: leaderboard, comparisons } = await scoreRunWithComparisons(runDir);
  const splits = await readRunDatasets(runDir, suite);
  const rows = await readRows(runDir);
  const worst = worstCases(suite, splits, rows, options.worstPerTrack ?? 5);
  const chart = await leaderboardChart(leaderboard);

  await mkdir(join(outDir, 'cases'), { recursive: true });
  const images = new Map<string, CaseImage>();
  for (const [track, cases] of worst) {
    for (const [index, worstCase] of cases.entries()) {
      const series = seriesFromJson(worstCase.item.series, {
        file: join(runDir, 'datasets', `${track}.json`),
      });
      const { label } = worstCase.item;
      const variate = worstCase.track.task === 'variate';
      const multivariate = series.channels.length > 1;
      const predictedChannels =
        multivariate && worstCase.row.channels !== null && worstCase.row.channels.length > 0
          ? worstCase.row.channels
          : null;
      const png = await renderPlot(series, {
        widthPx: 960,
        heightPx: multivariate
          ? Math.min(8192, gridShape(series.channels.length).rows * 150 + 34)
          : 220,
        predicted: (worstCase.row.intervals ?? []).map(([start, end]) => ({
          interval: [start, end] as const,
          channels: predictedChannels,
        })),
        ...(label.intervals === null
          ? {}
          : {
              truth: label.intervals.map((interval) => ({
                interval,
                channels: multivariate ? label.channels : null,
              })),
            }),
        ...(variate && predictedChannels !== null
          ? { channelsHighlighted: predictedChannels }
          : {}),
      });
      const file = `cases/${safe(track)}-${index + 1}.png`;
      await writeFile(join(outDir, file), png);
      images.set(worstCase.row.key, { file, png, channels: series.channels });
    }
  }
  const generatedAt = formatTime(Math.floor((options.now ?? Date.now)() / 1000) * 1000);
  const runId = basename(resolve(runDir));
  const context = {
    suite,
    runId,
    leaderboard,
    worst,
    images,
    generatedAt,
    results: rows.length,
    categories: categoryBreakdown(suite, splits, rows),
  };
  const html = join(outDir, 'index.html');
  const markdown = join(outDir, 'report.md');
  const chartFile = join(outDir, 'leaderboard.png');
  await writeFile(chartFile, chart.png);
  await writeFile(html, runReportHtml({ ...context, chartPng: chart.png }));
  const reliability = reliabilityOf(suite, splits, rows);
  const extra: string[] = [];
  if (comparisons.length > 0) extra.push(formatComparisons(comparisons, 'markdown'));
  if (reliability.length > 0) {
    await writeFile(join(outDir, 'reliability.svg'), await reliabilityDiagramSvg(reliability));
    extra.push('![Reliability diagram](reliability.svg)\n');
  }
  const body = runReportMarkdown({ ...context, chartFile: 'leaderboard.png' });
  await writeFile(markdown, extra.length === 0 ? body : `${body}\n${extra.join('\n')}`);
  return {
    html,
    markdown,
    chart: chartFile,
    cases: [...worst.values()].reduce((sum, list) => sum + list.length, 0),
  };
}

/** Calibration bins per model over its point/range answers, for models that state confidences. */
function reliabilityOf(
  suite: Suite,
  splits: Map<string, DatasetSplit>,
  rows: readonly ResultRow[],
): ReliabilitySeries[] {
  const tasks = new Map(suite.tracks.map((track) => [track.name, track.task]));
  const truthOf = new Map<string, readonly (readonly [number, number])[]>();
  for (const [track, split] of splits) {
    for (const item of split.items)
      truthOf.set(`${track}\u0000${item.series.id}`, item.label.intervals ?? []);
  }
  const byModel = new Map<string, ResultRow[]>();
  for (const row of rows) {
    const task = tasks.get(row.track);
    if (row.status !== 'ok' || (task !== 'point' && task !== 'range')) continue;
    const list = byModel.get(row.provider);
    if (list === undefined) byModel.set(row.provider, [row]);
    else list.push(row);
  }
  return [...byModel]
    .filter(([, modelRows]) => carriesConfidence(modelRows))
    .map(([model, modelRows]) => ({
      model,
      bins: calibration(
        modelRows.flatMap((row) =>
          claimsOf(truthOf.get(`${row.track}\u0000${row.seriesId}`) ?? [], [row]),
        ),
      ).bins,
    }));
}

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

async function readSuite(runDir: string): Promise<Suite> {
  const file = join(runDir, 'suite.json');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new InputError(
      'run.not_found',
      `${runDir} is not a run folder (no readable suite.json); pass --run runs/<run-id>`,
      { file },
      { cause: error },
    );
  }
  const parsed = suiteSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      'run.bad_suite',
      `${file}: field "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'invalid'}; the run folder's suite.json was edited or is from another version`,
      { file },
    );
  }
  return parsed.data;
}

async function readRows(runDir: string): Promise<ResultRow[]> {
  const file = join(runDir, 'results.jsonl');
  const { rows } = await readJsonl(file);
  const parsed = rows.map((row, index) => {
    const result = resultRowSchema.safeParse(row);
    if (!result.success)
      throw new InputError(
        'results.bad_row',
        `${file}:${index + 1}: not a result row (${result.error.issues[0]?.message ?? 'invalid'})`,
        { file, line: index + 1 },
      );
    return result.data;
  });
  return [...latestRows(parsed).values()];
}
