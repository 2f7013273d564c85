/**
 * `npm run bench:scale-run [-- --items 1000,10000,100000] [--tracks 10]
 * [--modality text|image|both] [--skip-score] [--runs-dir DIR] [--v8-default]`: whole bench
 * runs (`runBench`: datasets, work items, detect, results.jsonl) of N items against the
 * loopback stand-in answering at once, each count in a fresh child process; prints the run's
 * wall time, peak RSS and the most work items alive at once and, from `process.memoryUsage()`
 * sampled every 50 ms, the split of the highest sampled RSS (V8 heap reserved/used, external,
 * array buffers; the rest of RSS is code, native libraries and malloc), then the time, CPU
 * seconds and peak RSS of scoring the finished run (the leaderboard with every metric and 1,000
 * bootstrap resamples, `scoreRunWithComparisons`) in another fresh child. Items are VTA
 * univariate series (seeds 0…) in `--tracks` tracks of N / tracks each. The modality defaults
 * to text. `--runs-dir DIR` keeps each run in `DIR/<modality>-<items>-<tracks>` and, when that
 * run already finished there, scores it again without redoing the run (to iterate on the
 * scoring step alone). `--v8-default` runs with `heapGrowthPercent: 0` (V8's own heap growth),
 * to compare with runBench's default bound.
 */
import { spawn } from 'node:child_process';
import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { scoreRunWithComparisons } from '../src/bench/leaderboard.js';
import { runBench } from '../src/bench/run.js';
import type { Suite } from '../src/bench/suite.js';
import { formatSample, startMemorySampler } from './memory-sampler.js';
import { startStandinWorker } from './standin-worker.js';

const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
const peakMb = (): string => (process.resourceUsage().maxRSS / 1024).toFixed(0);
/** Written into a run folder once its run finished, so `--runs-dir` can reuse it. */
const doneMarker = 'scale-run.done';
const types = ['global', 'contextual', 'seasonal', 'trend', 'shapelet'] as const;

function suiteOf(items: number, tracks: number, modality: 'text' | 'image'): Suite {
  return {
    id: 'scale',
    description: 'bench:scale-run',
    models: ['bench'],
    sampling: { temperature: 0 },
    tracks: Array.from({ length: tracks }, (_, index) => ({
      name: `t${index}`,
      dataset: {
        generator: 'vta' as const,
        kind: 'univariate' as const,
        type: types[index % types.length] as string,
        count: Math.ceil(items / tracks),
        seed: index,
      },
      task: 'range' as const,
      prompts: ['structured-range'],
      modalities: [modality],
      vtaLook: false,
      scoring: 'vta' as const,
      hints: 'none' as const,
    })),
  };
}

/** A structured answer with two ranges, so every metric has something to score. */
const answer = JSON.stringify({
  anomalous: true,
  anomalies: [10, 120].map((start) => ({
    start,
    end: start + 10,
    channels: null,
    category: null,
    severity: null,
    confidence: null,
    explanation: 'stand-in',
    candidate: null,
  })),
  summary: 'stand-in',
});

/**
 * Child: one run of `items` into `runDir`; prints `run <seconds> <peak MB> <rows> <peak alive>
 * <breakdown at the sampled peak>` (see `formatSample`).
 */
async function runChild(
  items: number,
  tracks: number,
  runDir: string,
  modality: 'text' | 'image',
): Promise<void> {
  // In its own process: the peak RSS measured is the run's, as against a remote API.
  const standin = await startStandinWorker({ content: answer, host: 'process' });
  const { provider } = standin;
  const sampler = startMemorySampler();
  const started = performance.now();
  const result = await runBench({
    suite: suiteOf(items, tracks, modality),
    providers: [provider],
    runDir,
    concurrency: 32,
    initialDelayMs: 0,
    ...(v8Default ? { heapGrowthPercent: 0 } : {}),
  });
  const seconds = (performance.now() - started) / 1000;
  const alive = result.work?.peakLive ?? '?';
  const breakdown = formatSample(sampler.peak());
  sampler.stop();
  console.log(
    `run ${seconds.toFixed(1)} ${peakMb()} ${result.progress.done} ${alive} ${breakdown}`,
  );
  await writeFile(join(runDir, doneMarker), `${result.progress.done}\n`);
  await standin.close();
}

/**
 * Child: scores a finished run; prints `score <seconds> <peak MB> <leaderboard rows> <CPU s>`
 * (CPU seconds, user + system, say how much of the wall time was ours on a shared machine).
 */
async function scoreChild(runDir: string): Promise<void> {
  const started = performance.now();
  const { rows } = await scoreRunWithComparisons(runDir, { bootstrap: 1000 });
  const seconds = (performance.now() - started) / 1000;
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  const cpu = ((userCPUTime + systemCPUTime) / 1e6).toFixed(1);
  console.log(`score ${seconds.toFixed(1)} ${peakMb()} ${rows.length} ${cpu}`);
}

async function child(args: string[]): Promise<string> {
  const script = fileURLToPath(import.meta.url);
  const proc = spawn(process.execPath, [...process.execArgv, script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  await new Promise((resolve) => proc.on('close', resolve));
  return out.trim();
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

const argv = process.argv.slice(2);
const value = (flag: string, fallback: string): string => {
  const index = argv.indexOf(flag);
  return index < 0 ? fallback : (argv[index + 1] ?? fallback);
};
// `--v8-default`: the run leaves V8's own heap growth (runBench bounds it by default), to compare.
const v8Default = argv.includes('--v8-default');
if (argv[0] === '--run-child') {
  const modality = argv[4] === 'image' ? 'image' : 'text';
  await runChild(Number(argv[1]), Number(argv[2]), argv[3] as string, modality);
} else if (argv[0] === '--score-child') {
  await scoreChild(argv[1] as string);
} else {
  const counts = value('--items', '1000,10000,100000').split(',').map(Number);
  const tracks = Number(value('--tracks', '10'));
  const modalityFlag = value('--modality', 'text');
  const modalities = modalityFlag === 'both' ? ['text', 'image'] : [modalityFlag];
  console.log(`bench:scale-run, load average ${load()} (2 cores shared with other agents)`);
  console.log(
    'items through runBench against the stand-in (32 in flight, its own process), fresh process each',
  );
  console.log(
    'modality     items   run s  run peak MB  peak items alive   score s  score CPU s' +
      '  score peak MB  leaderboard rows  at run peak: rss/heap/used/external/buffers MB/threads',
  );
  const extra = v8Default ? ['--v8-default'] : [];
  console.log(
    v8Default
      ? "V8's default heap growth"
      : 'heap growth bounded during the run (runBench default)',
  );
  const kept = argv.includes('--runs-dir') ? value('--runs-dir', '') : undefined;
  if (kept !== undefined) await mkdir(kept, { recursive: true });
  for (const modality of modalities) {
    for (const items of counts) {
      const work = kept ?? (await mkdtemp(join(tmpdir(), 'anomscope-scale-run-')));
      const runDir = join(work, kept === undefined ? 'run' : `${modality}-${items}-${tracks}`);
      const finished = kept !== undefined && (await exists(join(runDir, doneMarker)));
      const args = ['--run-child', String(items), String(tracks), runDir, modality, ...extra];
      const run = finished ? ['run', 'kept', '-', '-', '-'] : (await child(args)).split(' ');
      const score = argv.includes('--skip-score')
        ? ['score', '-', '-', '-', '-']
        : (await child(['--score-child', runDir, ...extra])).split(' ');
      const cells = [
        modality.padEnd(8),
        String(items).padStart(9),
        (run[1] ?? '?').padStart(7),
        (run[2] ?? '?').padStart(12),
        (run[4] ?? '?').padStart(17),
        (score[1] ?? '?').padStart(9),
        (score[4] ?? '?').padStart(12),
        (score[2] ?? '?').padStart(14),
        (score[3] ?? '?').padStart(17),
        ` ${run[5] ?? '-'}`,
      ];
      console.log(cells.join(' '));
      console.log(`  load average ${load()}`);
      if (kept === undefined) await rm(work, { recursive: true, force: true });
    }
  }
  console.log(`load average at the end ${load()}`);
}
