/**
 * `npm run bench:scale [-- --items 1000,10000,100000] [--skip-vta]`: how runs behave as they grow.
 * Prints (1) image-request cache hits per second at 32-way with a warm cache (keys need no
 * rendering), (2) peak RSS by item count (`bench:pipeline --items`), (3) the `vta` suite on the
 * baseline through the CLI, wall time and CPU time (the process's user + system seconds: what the
 * run costs whatever else the machine is doing), (4) whole runs of N text items and the scoring of
 * each finished run (`bench:scale-run`, same `--items`). The throughput tables (% of ideal at
 * 8/32/128) are `npm run bench:pipeline`. Numbers depend on the machine's load, printed first.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createMemoryCache } from '../src/detect/cache.js';
import { detect } from '../src/detect/detect.js';
import { loadPrompt } from '../src/prompt/index.js';
import { createRenderer, type Renderer } from '../src/render/index.js';
import type { Series } from '../src/series/types.js';
import { itemsFlags, runItemsTable } from './pipeline-items.js';
import { startStandinWorker } from './standin-worker.js';

const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
console.log(`bench:scale, load average ${load()} (2 cores shared with other work)`);

/** Image requests at 32-way: a cold pass fills the cache, the warm pass is timed. */
async function cacheHits(requests: number): Promise<void> {
  const answer = JSON.stringify({ anomalous: false, anomalies: [], summary: 'nothing unusual' });
  const standin = await startStandinWorker({ content: answer });
  const { provider } = standin;
  const template = await loadPrompt('structured-range');
  const cache = createMemoryCache();
  const series: Series[] = Array.from({ length: requests }, (_, index) => ({
    id: `s${index}`,
    channels: ['value'],
    values: [Float64Array.from({ length: 400 }, (_, t) => Math.sin(t / 5 + index))],
  }));
  const pass = async (renderer: Renderer): Promise<{ seconds: number; cached: number }> => {
    let next = 0;
    let cached = 0;
    const started = performance.now();
    const worker = async (): Promise<void> => {
      while (next < series.length) {
        const item = series[next] as Series;
        next += 1;
        const result = await detect(item, { provider, prompt: template, renderer, cache });
        if (result.cached) cached += 1;
      }
    };
    await Promise.all(Array.from({ length: 32 }, () => worker()));
    return { seconds: (performance.now() - started) / 1000, cached };
  };
  const coldRenderer = createRenderer();
  const cold = await pass(coldRenderer);
  await coldRenderer.close();
  // A new renderer: its PNG cache is empty, so a hit that drew its picture would show in the time.
  const renderer = createRenderer();
  const warm = await pass(renderer);
  console.log(`\n1. image-request cache hits at 32-way, ${requests} distinct series`);
  console.log(`   cold pass (render + call): ${(requests / cold.seconds).toFixed(0)} req/s`);
  const perHitMs = (warm.seconds * 1000 * 32) / requests;
  const hitsPerSecond = requests / warm.seconds;
  console.log(
    `   warm pass: ${warm.cached}/${requests} hits, ${hitsPerSecond.toFixed(0)} hits/s` +
      ` (${perHitMs.toFixed(2)} ms per hit at 32-way)`,
  );
  await renderer.close();
  await standin.close();
}

/** The CLI's `bench --suite vta` on the baseline, fresh run folder, no cache. */
async function vtaSuite(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'anomscope-scale-'));
  const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
  const args = [cli, 'bench', '--suite', 'vta', '--provider', 'baseline', '--no-cache'];
  // The child prints its own CPU seconds (every thread) as it exits.
  const printCpu =
    'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();' +
    'process.stderr.write(`\\ncpu-seconds ${(u.userCPUTime+u.systemCPUTime)/1e6}\\n`)})';
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', printCpu, ...args, '--runs-dir', join(work, 'runs')],
    {
      cwd: work,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let tail = '';
  child.stderr.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString('utf8')).slice(-2000)));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = Number(/cpu-seconds (\S+)/.exec(tail)?.[1] ?? Number.NaN);
  const summary = tail.split('\n').find((line) => / items \(/.test(line)) ?? '(no summary line)';
  console.log(
    `\n3. vta suite on the baseline (CLI, no cache): ${seconds.toFixed(1)} s wall, ` +
      `exit ${exitCode}, ${cpuSeconds.toFixed(1)} s CPU (all threads)`,
  );
  console.log(`   ${summary.trim()}`);
  await rm(work, { recursive: true, force: true });
}

await cacheHits(Number(process.env['BENCH_REQUESTS'] ?? 1000));
console.log('\n2.');
const itemsArgs = process.argv.includes('--items') ? process.argv : ['--items', '1000,10000'];
await runItemsTable(itemsArgs);
if (!process.argv.includes('--skip-vta')) await vtaSuite();
console.log('\n4.');
const runArgs = ['--items', itemsFlags(itemsArgs).counts.join(',')];
const runTable = spawn(
  process.execPath,
  [fileURLToPath(new URL('./scale-run.js', import.meta.url)), ...runArgs],
  {
    stdio: 'inherit',
  },
);
await new Promise((resolve) => runTable.on('close', resolve));
console.log(`\nload average at the end ${load()}`);
