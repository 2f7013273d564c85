import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { createDiskCache } from '../detect/cache.js';
import { detect, type DetectResult } from '../detect/detect.js';
import { baselineCandidates } from '../detect/hints.js';
import { createProvider } from '../providers/registry.js';
import { createRenderer } from '../render/index.js';
import { seriesLength, type Series } from '../series/types.js';
import { addLoadFlags, loadForCommand, throwIfFilesFailed, type LoadFlags } from './load-flags.js';
import { choiceFlag, numberFlag } from './options.js';
import { placeOfAnomaly } from './anomaly-place.js';

interface DetectFlags extends LoadFlags {
  provider?: string;
  task?: 'point' | 'range' | 'variate' | 'diagnose';
  modality: 'image' | 'text' | 'both';
  prompt?: string;
  preset?: 'line' | 'grid' | 'irregular';
  hints: 'none' | 'baseline';
  out?: string;
  cacheDir: string;
  cache: boolean;
  timeoutMs: number;
  temperature?: number;
  seed?: number;
}

/** `anomscope detect <file>`: one detect call per series in the file or folder. */
export function registerDetectCommand(program: Command): void {
  const command = program
    .command('detect')
    .description(
      'ask a model (default: the offline baseline detector) for the anomalies in a series file or folder',
    )
    .argument('<file>', 'series file (CSV, JSON, NDJSON) or folder of them')
    .option(
      '--provider <spec>',
      'provider:model, e.g. openai:gpt-4o, gemini:gemini-2.5-flash, ollama:qwen2.5vl:7b (default: baseline)',
    )
    .option(
      '--task <task>',
      'point | range | variate | diagnose (default: range, or variate for several channels)',
      choiceFlag('task', ['point', 'range', 'variate', 'diagnose'] as const),
    )
    .option(
      '--modality <modality>',
      'image | text | both',
      choiceFlag('modality', ['image', 'text', 'both'] as const),
      'image',
    )
    .option('--prompt <id>', 'prompt id from prompts/ (default: structured-<task>)')
    .option(
      '--preset <preset>',
      'line | grid | irregular',
      choiceFlag('preset', ['line', 'grid', 'irregular'] as const),
    )
    .option(
      '--hints <source>',
      "none | baseline: draw and list the baseline detector's candidates for the model to verify",
      choiceFlag('hints', ['none', 'baseline'] as const),
      'none',
    )
    .option('--out <file>', 'write the full record(s) as JSON')
    .option('--cache-dir <dir>', 'response cache folder', '.cache/anomscope')
    .option('--no-cache', 'do not read or write the response cache')
    .option(
      '--timeout-ms <ms>',
      'time allowed per attempt',
      numberFlag('timeout-ms', { integer: true, min: 1 }),
      120_000,
    )
    .option(
      '--temperature <t>',
      'sampling temperature',
      numberFlag('temperature', { min: 0, max: 2 }),
    )
    .option(
      '--seed <n>',
      'sampling seed, where the provider supports one',
      numberFlag('seed', { integer: true }),
    );
  addLoadFlags(command).action(async (file: string, flags: DetectFlags) => {
    const { series: seriesList, failures } = await loadForCommand(file, flags);
    if (flags.provider === undefined)
      process.stderr.write('no --provider given: using the offline baseline detector\n');
    const provider = createProvider(flags.provider ?? 'baseline', {
      env: process.env,
      timeoutMs: flags.timeoutMs,
    });
    const renderer = createRenderer();
    const cache = flags.cache ? createDiskCache({ dir: flags.cacheDir }) : undefined;
    const records: unknown[] = [];
    for (const series of seriesList) {
      const task = flags.task ?? (series.channels.length > 1 ? 'variate' : 'range');
      const result = await detect(series, {
        provider,
        task,
        modality: flags.modality,
        renderer,
        timeoutMs: flags.timeoutMs,
        ...(flags.prompt === undefined ? {} : { prompt: flags.prompt }),
        ...(flags.preset === undefined ? {} : { preset: flags.preset }),
        ...(cache === undefined ? {} : { cache }),
        ...(flags.hints === 'baseline' ? { candidates: baselineCandidates(series) } : {}),
        sampling: {
          ...(flags.temperature === undefined ? {} : { temperature: flags.temperature }),
          ...(flags.seed === undefined ? {} : { seed: flags.seed }),
        },
      });
      process.stdout.write(formatSummary(series, provider.id, result));
      records.push({
        seriesId: series.id,
        provider: provider.id,
        model: provider.model,
        createdAt: new Date().toISOString(),
        ...result,
      });
    }
    if (flags.out !== undefined) {
      await writeFile(
        flags.out,
        `${JSON.stringify(records.length === 1 ? records[0] : records, null, 2)}\n`,
      );
      process.stdout.write(`full record written to ${flags.out}\n`);
    }
    throwIfFilesFailed(failures, `${records.length} series detected`);
  });
}

/** A short human summary of one result. */
export function formatSummary(series: Series, providerId: string, result: DetectResult): string {
  const lines: string[] = [];
  const channels = series.channels.length;
  lines.push(
    `${series.id} (${seriesLength(series)} points, ${channels} channel${channels === 1 ? '' : 's'}) — ${providerId}, prompt ${result.prompt.id} v${result.prompt.version}`,
  );
  const count = result.answer.anomalies.length;
  lines.push(
    `  ${result.answer.anomalous ? `anomalous: ${count} anomal${count === 1 ? 'y' : 'ies'}` : 'no anomaly found'}`,
  );
  result.answer.anomalies.forEach((anomaly, index) => {
    const where = placeOfAnomaly(series, anomaly, result.prompt.convention);
    const panels =
      anomaly.channels === null || anomaly.channels.length === 0
        ? ''
        : ` panels ${anomaly.channels.join(',')}`;
    const confidence = anomaly.confidence === null ? '' : ` conf ${anomaly.confidence.toFixed(2)}`;
    lines.push(
      `  ${index + 1}. ${where}${panels}  ${anomaly.category}${anomaly.severity === null ? '' : `, ${anomaly.severity}`}${confidence}`,
    );
    if (anomaly.explanation !== '') lines.push(`     ${anomaly.explanation}`);
  });
  if (result.intervals.length > 0)
    lines.push(
      `  index intervals [start, end): ${result.intervals.map(([start, end]) => `[${start}, ${end})`).join(' ')}`,
    );
  if (result.answer.summary !== '') lines.push(`  summary: ${result.answer.summary}`);
  const usage =
    result.usage === null
      ? 'tokens n/a'
      : `tokens ${result.usage.inputTokens} in / ${result.usage.outputTokens} out`;
  const cost = result.costUsd === null ? 'cost unknown' : `$${result.costUsd.toFixed(4)}`;
  lines.push(
    `  ${usage} · ${cost} · ${Math.round(result.latencyMs)} ms${result.cached ? ' (cached)' : ''}${result.repaired ? ' · repaired once' : ''}`,
  );
  for (const warning of result.warnings) lines.push(`  warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}
