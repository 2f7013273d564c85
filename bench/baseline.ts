/**
 * `npm run bench:baseline`: regenerates the VisualTimeAnomaly-style and AnomLLM-style suites with
 * FIXED evaluation seeds (VTA seed 0, 100 series per type; AnomLLM seed 42, 400 per type), runs the
 * `baseline` provider through the same answer path as `anomscope bench` (runBench → results.jsonl →
 * scoreRun), and prints our scores next to the published numbers (eval/published.json) with a
 * pass/fail column against the targets of issue #5; then the 1,000,000-point timing (median of 3)
 * and the `quick` suite end to end.
 *
 *   node dist/bench/baseline.js [--keep] [--only anomllm|vta|speed|real]
 */
import { millionPointSeries } from './million-point-series.js';
import { printRealData } from './real-report.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { scoreRun } from '../src/bench/leaderboard.js';
import { runBench } from '../src/bench/run.js';
import type { LeaderboardRow } from '../src/bench/score.js';
import { loadSuite, suiteSchema, type Suite } from '../src/bench/suite.js';
import { detectAnomalies } from '../src/providers/baseline/detector.js';
import { createProvider } from '../src/providers/registry.js';

const args = process.argv.slice(2);
const keep = args.includes('--keep');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? (args[onlyIndex + 1] ?? 'all') : 'all';

const VTA_SEED = 0;
const VTA_COUNT = 100;
const ANOMLLM_SEED = 42;
const ANOMLLM_COUNT = 400;
const DROP_RATIO = 0.25;
const anomllmTypes = [
  'point',
  'range',
  'trend',
  'freq',
  'noisy-point',
  'noisy-trend',
  'noisy-freq',
  'flat-trend',
] as const;
const vtaUnivariate = ['global', 'contextual', 'seasonal', 'trend', 'shapelet'] as const;
const vtaIrregular = ['global', 'seasonal', 'trend', 'shapelet'] as const;
const vtaMultivariate = ['triangle', 'square', 'sawtooth', 'random_walk'] as const;

interface AnomllmReference {
  best: number;
  bestMethod: string;
  isolationForest: number | null;
  emptyBaseline: number | null;
}
interface Published {
  anomllm: Record<string, AnomllmReference>;
  targets: {
    vtaUnivariateAffiliationF1: number;
    /** Issue #12's own target for VTA contextual (absent: the univariate one). */
    vtaContextualAffiliationF1?: number;
    vtaVariateF1: Record<string, number>;
    irregularMaxDrop: number;
    oneMillionPointsMs: number;
    quickSuiteMs: number;
  };
}

/**
 * The suite this benchmark runs, built in memory (never read from disk, so the seeds cannot drift).
 */
function evaluationSuite(): Suite {
  const tracks: unknown[] = [];
  if (only === 'all' || only === 'vta') {
    for (const type of vtaUnivariate) {
      const point = type === 'global' || type === 'contextual';
      tracks.push({
        name: `vta-${type}`,
        dataset: { generator: 'vta', kind: 'univariate', type, count: VTA_COUNT, seed: VTA_SEED },
        task: point ? 'point' : 'range',
        prompts: [point ? 'vta-point' : 'vta-range'],
        scoring: 'vta',
      });
    }
    tracks.push({
      name: 'vta-seasonal-quirk',
      dataset: {
        generator: 'vta',
        kind: 'univariate',
        type: 'seasonal',
        count: VTA_COUNT,
        seed: VTA_SEED,
        vtaSeasonalQuirk: true,
      },
      task: 'range',
      prompts: ['vta-range'],
      scoring: 'vta',
    });
    for (const type of vtaIrregular) {
      const point = type === 'global';
      tracks.push({
        name: `vta-irr-${type}-r25`,
        dataset: {
          generator: 'vta',
          kind: 'irregular-univariate',
          type,
          count: VTA_COUNT,
          seed: VTA_SEED,
          dropRatio: DROP_RATIO,
        },
        task: point ? 'point' : 'range',
        prompts: [point ? 'vta-point' : 'vta-range'],
        scoring: 'vta',
        preset: 'irregular',
      });
    }
    for (const dims of [9, 36]) {
      for (const type of vtaMultivariate) {
        tracks.push({
          name: `vta-multi-d${dims}-${type}`,
          dataset: {
            generator: 'vta',
            kind: 'multivariate',
            type,
            count: VTA_COUNT,
            seed: VTA_SEED,
            dims,
          },
          task: 'variate',
          prompts: ['vta-variate'],
          scoring: 'vta',
        });
      }
    }
    for (const type of vtaMultivariate) {
      tracks.push({
        name: `vta-irr-multi-d9-${type}-r25`,
        dataset: {
          generator: 'vta',
          kind: 'irregular-multivariate',
          type,
          count: VTA_COUNT,
          seed: VTA_SEED,
          dims: 9,
          dropRatio: DROP_RATIO,
        },
        task: 'variate',
        prompts: ['vta-variate'],
        scoring: 'vta',
      });
    }
  }
  if (only === 'all' || only === 'anomllm') {
    for (const type of anomllmTypes) {
      tracks.push({
        name: `anomllm-${type}`,
        dataset: { generator: 'anomllm', type, count: ANOMLLM_COUNT, seed: ANOMLLM_SEED },
        task: 'range',
        prompts: ['anomllm-range'],
        scoring: 'anomllm',
      });
    }
  }
  return suiteSchema.parse({
    id: 'baseline-eval',
    description: 'bench:baseline evaluation suites (fixed seeds)',
    models: ['baseline'],
    tracks,
  });
}

interface Line {
  track: string;
  affiliation: number | null;
  pointwise: number | null;
  variate: number | null;
  empty: number | null;
  published: string;
  target: string;
  pass: boolean | null;
}

const pct = (value: number | null | undefined): number | null =>
  value === null || value === undefined ? null : value * 100;

function linesOf(rows: readonly LeaderboardRow[], published: Published): Line[] {
  // Published rows (AnomLLM's best, no metrics of this run) share the track: leave them out.
  const ours = new Map(
    rows
      .filter((row) => !row.trivial && row.published === undefined)
      .map((row) => [row.track, row]),
  );
  const empty = new Map(
    rows
      .filter((row) => row.trivial && row.model === 'always-empty')
      .map((row) => [row.track, row]),
  );
  const affiliationOf = (track: string): number | null =>
    pct(ours.get(track)?.metrics['affiliation.f1']);
  const lines: Line[] = [];
  for (const [track, row] of ours) {
    const affiliation = pct(row.metrics['affiliation.f1']);
    const variate = pct(row.metrics['variate.f1']);
    let published_ = '';
    let target = '';
    let pass: boolean | null = null;
    if (track.startsWith('anomllm-')) {
      const reference = published.anomllm[track.slice('anomllm-'.length)];
      if (reference !== undefined) {
        published_ = `best ${reference.best.toFixed(2)}${reference.isolationForest === null ? '' : `, IF ${reference.isolationForest.toFixed(2)}`}`;
        target = `≥ ${reference.best.toFixed(2)}`;
        pass = affiliation !== null && affiliation >= reference.best;
      }
    } else if (track.startsWith('vta-irr-multi-')) {
      const regular = track.replace('vta-irr-multi-', 'vta-multi-').replace(/-r25$/, '');
      const reference = pct(ours.get(regular)?.metrics['variate.f1']);
      if (reference !== null && variate !== null) {
        target = `≥ ${(reference - published.targets.irregularMaxDrop).toFixed(2)} (regular − 5)`;
        pass = variate >= reference - published.targets.irregularMaxDrop;
      }
    } else if (track.startsWith('vta-irr-')) {
      const regular = track.replace('vta-irr-', 'vta-').replace(/-r25$/, '');
      const reference = affiliationOf(regular);
      if (reference !== null && affiliation !== null) {
        target = `≥ ${(reference - published.targets.irregularMaxDrop).toFixed(2)} (regular − 5)`;
        pass = affiliation >= reference - published.targets.irregularMaxDrop;
      }
    } else if (track.startsWith('vta-multi-')) {
      const dims = /-d(\d+)-/.exec(track)?.[1] ?? '';
      const goal = published.targets.vtaVariateF1[dims];
      if (goal !== undefined && variate !== null) {
        target = `≥ ${goal.toFixed(2)}`;
        pass = variate >= goal;
      }
    } else if (track === 'vta-seasonal-quirk') {
      target = '(info: VTA seasonal bug)';
    } else if (track.startsWith('vta-')) {
      const goal =
        (track === 'vta-contextual' ? published.targets.vtaContextualAffiliationF1 : undefined) ??
        published.targets.vtaUnivariateAffiliationF1;
      target = `≥ ${goal.toFixed(2)}`;
      pass = affiliation !== null && affiliation >= goal;
    }
    // Other rows (the leaderboard's "overall" mean over every track run) have no target of
    // their own: an AnomLLM-only run must not be judged by the VTA bar.
    lines.push({
      track,
      affiliation,
      pointwise: pct(row.metrics['pointwise.f1']),
      variate,
      empty: pct(empty.get(track)?.headline.value),
      published: published_,
      target,
      pass,
    });
  }
  return lines;
}

function printTable(lines: readonly Line[]): void {
  const cell = (value: number | null): string =>
    value === null || !Number.isFinite(value) ? '—' : value.toFixed(2);
  const header = ['track', 'aff F1', 'point F1', 'var F1', 'empty', 'published', 'target', 'pass'];
  const body = lines.map((line) => [
    line.track,
    cell(line.affiliation),
    cell(line.pointwise),
    cell(line.variate),
    cell(line.empty),
    line.published,
    line.target,
    line.pass === null ? '' : line.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((row) => (row[column] ?? '').length)),
  );
  const format = (row: readonly string[]): string =>
    row
      .map((text, column) =>
        column >= 1 && column <= 4
          ? text.padStart(widths[column] ?? 0)
          : text.padEnd(widths[column] ?? 0),
      )
      .join('  ');
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of body) console.log(format(row));
}

async function main(): Promise<void> {
  const published = JSON.parse(
    await readFile(
      fileURLToPath(
        new URL(
          import.meta.url.includes('/dist/')
            ? '../../eval/published.json'
            : '../eval/published.json',
          import.meta.url,
        ),
      ),
      'utf8',
    ),
  ) as Published;
  const provider = createProvider('baseline');
  const scratch = await mkdtemp(join(tmpdir(), 'anomscope-bench-baseline-'));
  let allPass = true;
  try {
    if (only !== 'speed' && only !== 'real') {
      const suite = evaluationSuite();
      const started = performance.now();
      const runDir = join(scratch, 'eval');
      const result = await runBench({ suite, providers: [provider], runDir, concurrency: 4 });
      const rows = await scoreRun(runDir);
      const elapsed = performance.now() - started;
      console.log(
        `baseline detector on evaluation seeds (VTA seed ${VTA_SEED} × ${VTA_COUNT}/type, AnomLLM seed ${ANOMLLM_SEED} × ${ANOMLLM_COUNT}/type, irregular drop ${DROP_RATIO * 100} %)`,
      );
      console.log(
        `scores ×100 from scoreRun(): univariate tracks affiliation F1 (headline) and point-wise F1; multivariate variate F1; "empty" = always-[] answer`,
      );
      console.log(
        `${result.progress.done} answers, ${result.progress.errors} errors, ${result.progress.parseFailures} parse failures, ${(elapsed / 1000).toFixed(1)} s\n`,
      );
      const lines = linesOf(rows, published);
      printTable(lines);
      allPass &&= lines.every((line) => line.pass !== false);
      console.log('');
    }
    if (only === 'all' || only === 'speed') {
      const series = millionPointSeries();
      detectAnomalies({
        id: 'warm',
        channels: ['value'],
        values: [(series.values[0] as Float64Array).slice(0, 20000)],
      });
      const times: number[] = [];
      const cpuTimes: number[] = [];
      let found = 0;
      for (let run = 0; run < 3; run++) {
        const cpu = process.cpuUsage();
        const started = performance.now();
        found = detectAnomalies(series).anomalies.length;
        times.push(performance.now() - started);
        const used = process.cpuUsage(cpu);
        cpuTimes.push((used.user + used.system) / 1000);
      }
      times.sort((a, b) => a - b);
      cpuTimes.sort((a, b) => a - b);
      const medianMs = times[1] as number;
      const speedPass = medianMs < published.targets.oneMillionPointsMs;
      console.log(
        `1,000,000-point series: median of 3 = ${medianMs.toFixed(0)} ms wall (runs ${times.map((t) => t.toFixed(0)).join(', ')} ms; CPU median ${(cpuTimes[1] as number).toFixed(0)} ms; load average ${loadavg()[0]?.toFixed(1)}; ${found} anomalies) target < ${published.targets.oneMillionPointsMs} ms  ${speedPass ? 'PASS' : 'FAIL'}`,
      );
      const { suite } = await loadSuite('quick');
      const started = performance.now();
      const quickDir = join(scratch, 'quick');
      await runBench({ suite, providers: [provider], runDir: quickDir });
      await scoreRun(quickDir);
      const quickMs = performance.now() - started;
      const quickPass = quickMs < published.targets.quickSuiteMs;
      console.log(
        `quick suite end to end (runBench + scoreRun): ${(quickMs / 1000).toFixed(1)} s, target < ${published.targets.quickSuiteMs / 1000} s  ${quickPass ? 'PASS' : 'FAIL'}`,
      );
      allPass &&= speedPass && quickPass;
    }
    if (only === 'all' || only === 'real') {
      // Reported, not gated: the real-data targets of issue #12 are not met yet (see the table).
      console.log('\nreal series (NAB dev files; env ANOMSCOPE_NAB_DEV):');
      await printRealData({}, { perFile: false });
    }
    console.log(
      `\noverall: ${allPass ? 'all targets met' : 'some targets missed (FAIL rows above)'}`,
    );
  } finally {
    if (keep) console.log(`run folders kept in ${scratch}`);
    else await rm(scratch, { recursive: true, force: true });
  }
}

await main();
