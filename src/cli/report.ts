import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createDiskCache } from '../detect/cache.js';
import { AnomscopeError, InputError } from '../errors.js';
import { createProvider } from '../providers/registry.js';
import { createRenderer } from '../render/index.js';
import { readReportLabels } from '../report/label-input.js';
import { writeRunReport } from '../report/run-report.js';
import { writeSeriesReports } from '../report/series-report.js';
import { addLoadFlags, loadForCommand, throwIfFilesFailed, type LoadFlags } from './load-flags.js';
import { choiceFlag, numberFlag } from './options.js';

interface ReportFlags extends LoadFlags {
  run?: string;
  provider?: string;
  task: 'point' | 'range' | 'variate' | 'diagnose';
  labels?: string;
  out?: string;
  worst: number;
  cacheDir: string;
  cache: boolean;
  timeoutMs: number;
  zooms: number;
}

/**
 * `anomscope report <file|folder>` (a report per series) and `anomscope report --run runs/<id>` (a
 * run report).
 */
export function registerReportCommand(program: Command): void {
  const command = program
    .command('report')
    .description(
      'write readable anomaly reports (Markdown + self-contained HTML) for a series file or folder, or for a benchmark run',
    )
    .argument('[input]', 'series file (CSV, JSON, NDJSON) or folder of them')
    .option('--run <dir>', 'report on a benchmark run folder (runs/<id>) instead of series')
    .option('--provider <spec>', 'provider:model, e.g. openai:gpt-4o (default: baseline)')
    .option(
      '--task <task>',
      'point | range | variate | diagnose',
      choiceFlag('task', ['point', 'range', 'variate', 'diagnose'] as const),
      'diagnose',
    )
    .option(
      '--labels <file>',
      'ground truth: labels (rows or time windows), a dataset split file, or NAB combined_windows.json',
    )
    .option('--out <dir>', 'output folder (default: reports/, or <run>/report for --run)')
    .option(
      '--zooms <n>',
      'close-ups drawn per series, for the most confident anomalies',
      numberFlag('zooms', { integer: true, min: 0 }),
      10,
    )
    .option(
      '--worst <n>',
      'worst-scored answers shown per track (--run)',
      numberFlag('worst', { integer: true, min: 0 }),
      5,
    )
    .option('--cache-dir <dir>', 'response cache folder', '.cache/anomscope')
    .option('--no-cache', 'do not read or write the response cache')
    .option(
      '--timeout-ms <ms>',
      'time allowed per attempt',
      numberFlag('timeout-ms', { integer: true, min: 1 }),
      120_000,
    );
  addLoadFlags(command).action(async (input: string | undefined, flags: ReportFlags) => {
    if ((input === undefined) === (flags.run === undefined)) {
      throw new InputError(
        'cli.bad_flag',
        'give either a series file or folder, or --run runs/<id>, not both and not neither',
        { field: 'input' },
      );
    }
    if (flags.run !== undefined) {
      const files = await writeRunReport({
        runDir: flags.run,
        worstPerTrack: flags.worst,
        ...(flags.out === undefined ? {} : { outDir: flags.out }),
      });
      process.stdout.write(
        `run report: ${resolve(files.html)}\nmarkdown:   ${resolve(files.markdown)}\n${files.cases} worst-scored answers shown\n`,
      );
      return;
    }
    const { series: seriesList, failures: loadFailures } = await loadForCommand(
      input as string,
      flags,
    );
    const labels =
      flags.labels === undefined
        ? undefined
        : await readReportLabels(flags.labels, seriesList, {
            onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
          });
    if (flags.provider === undefined)
      process.stderr.write('no --provider given: using the offline baseline detector\n');
    const provider = createProvider(flags.provider ?? 'baseline', {
      env: process.env,
      timeoutMs: flags.timeoutMs,
    });
    const outDir = flags.out ?? 'reports';
    const result = await writeSeriesReports(seriesList, {
      outDir,
      detect: {
        provider,
        task: flags.task,
        renderer: createRenderer(),
        timeoutMs: flags.timeoutMs,
        ...(flags.cache ? { cache: createDiskCache({ dir: flags.cacheDir }) } : {}),
      },
      ...(labels === undefined ? {} : { labels }),
      images: { maxZooms: flags.zooms },
      onReport: (written) => {
        const count = written.report.anomalies.length;
        process.stdout.write(
          `${written.seriesId}: ${count === 0 ? 'no anomaly found' : `${count} anomal${count === 1 ? 'y' : 'ies'}`} → ${written.html}\n`,
        );
      },
      onFailure: (failed) => {
        process.stderr.write(
          `${failed.seriesId}: failed [${failed.error.code}] ${failed.error.message} → ${failed.html}\n`,
        );
      },
    });
    if (result.index !== null) process.stdout.write(`index: ${resolve(result.index)}\n`);
    const written = `${result.reports.length} report${result.reports.length === 1 ? '' : 's'} written`;
    // Every series got its page; the command still fails so scripts notice the missing reports.
    if (result.failures.length > 0)
      throw new AnomscopeError(
        'report.series_failed',
        `${written}, ${result.failures.length} failed (their pages say why)`,
      );
    throwIfFilesFailed(loadFailures, written);
    process.stdout.write(`${written}\n`);
  });
}
