/**
 * Render throughput benchmark: `npm run bench:render`.
 * Prints ms per image and images per second for (a) 200 univariate 400-point 1000×150 PNGs,
 * (b) 50 3×3 grids of 9×400 points, (c) one 100k- and one 1M-point series, with peak RSS; and,
 * when /usr/bin/python3 has matplotlib, the same images drawn the way VisualTimeAnomaly does.
 * `--workers=N` overrides the renderer's worker-thread count (0 = main thread only).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '../src/datasets/random.js';
import { createRenderer, type RenderOptions } from '../src/render/index.js';
import type { Series } from '../src/series/types.js';

/** VisualTimeAnomaly's univariate base: 1.5·(sin(2π·0.04·t) + 0.05·N(0,1)). */
function vtaSine(length: number, noise: () => number, phase = 0): Float64Array {
  return Float64Array.from(
    { length },
    (_, t) => 1.5 * (Math.sin(2 * Math.PI * 0.04 * t + phase) + 0.05 * noise()),
  );
}

interface Timing {
  /** Wall-clock time. */
  totalMs: number;
  /** CPU time of the whole process (all threads: main, Vega workers, sharp/libvips). */
  cpuMs: number;
}

interface Row extends Timing {
  name: string;
  images: number;
  matplotlib?: Timing;
}

function cpuNowMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function timeAll(run: () => Promise<unknown>): Promise<Timing> {
  const start = performance.now();
  const cpuStart = cpuNowMs();
  await run();
  return { totalMs: performance.now() - start, cpuMs: cpuNowMs() - cpuStart };
}

interface MatplotlibTimes {
  uniMs: number;
  uniCpuMs: number;
  gridMs: number;
  gridCpuMs: number;
}

function matplotlib(
  univariate: Float64Array[],
  grids: Float64Array[][],
): MatplotlibTimes | undefined {
  const python = '/usr/bin/python3';
  if (spawnSync(python, ['-c', 'import matplotlib'], { stdio: 'ignore' }).status !== 0)
    return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'anomscope-bench-'));
  try {
    const dataFile = join(dir, 'series.json');
    writeFileSync(
      dataFile,
      JSON.stringify({
        uni: univariate.map((v) => Array.from(v)),
        grids: grids.map((g) => g.map((v) => Array.from(v))),
      }),
    );
    const script = `
import io, json, math, sys, time
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
import numpy as np
data = json.load(open(sys.argv[1]))
uni = [np.array(s) for s in data['uni']]
grids = [[np.array(v) for v in g] for g in data['grids']]
t = time.perf_counter(); c = time.process_time()
for s in uni:
    plt.figure(figsize=(10, 1.5))
    plt.plot(s, color='steelblue')
    plt.tight_layout()
    buf = io.BytesIO(); plt.savefig(buf, format='png'); plt.close()
uni_ms = (time.perf_counter() - t) * 1000; uni_cpu = (time.process_time() - c) * 1000
t = time.perf_counter(); c = time.process_time()
for g in grids:
    rows = int(math.sqrt(len(g))); cols = math.ceil(len(g) / rows)
    fig, axes = plt.subplots(rows, cols, figsize=(10 * cols / rows, 10))
    for ax, v in zip(axes.flat, g):
        ax.plot(v); ax.set_xticks([]); ax.set_yticks([])
    plt.tight_layout()
    buf = io.BytesIO(); fig.savefig(buf, format='png'); plt.close(fig)
grid_ms = (time.perf_counter() - t) * 1000; grid_cpu = (time.process_time() - c) * 1000
print(json.dumps({'uniMs': uni_ms, 'uniCpuMs': uni_cpu, 'gridMs': grid_ms, 'gridCpuMs': grid_cpu}))
`;
    const result = spawnSync(python, ['-c', script, dataFile], {
      env: { ...process.env, OPENBLAS_NUM_THREADS: '1', MPLBACKEND: 'Agg' },
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (result.status !== 0) {
      process.stderr.write(`matplotlib run failed: ${result.stderr}\n`);
      return undefined;
    }
    return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as MatplotlibTimes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const random = createRandom(42);
  const next = (): number => random.uniform();
  const noise = (): number => random.normal();
  const univariate = Array.from({ length: 200 }, () => vtaSine(400, noise));
  const grids = Array.from({ length: 50 }, () =>
    Array.from({ length: 9 }, () => vtaSine(400, noise, next() * 6)),
  );
  const asSeries = (values: Float64Array[], id: string): Series => ({
    id,
    channels: values.map((_, i) => `c${i}`),
    values,
  });
  const workersArg = process.argv.find((arg) => arg.startsWith('--workers='));
  // One libvips thread per image, as the CLI runs it (several images are in flight at once).
  const renderer = createRenderer({
    sharpThreadsPerImage: 1,
    ...(workersArg === undefined ? {} : { workers: Number(workersArg.slice('--workers='.length)) }),
  });
  const line: RenderOptions = { preset: 'line' };
  const grid: RenderOptions = { preset: 'grid' };
  const vta: RenderOptions = { preset: 'grid', vta: true };

  // first image per preset parses the template (reported separately, not in the throughput rows)
  const warm = await timeAll(async () => {
    await renderer.png(asSeries([univariate[0]!], 'warm'), line);
    await renderer.png(asSeries(grids[0]!, 'warm'), grid);
    await renderer.png(asSeries(grids[0]!, 'warm'), vta);
  });

  const rows: Row[] = [];
  const longRows: Row[] = [];
  // (c) first, one image at a time (main thread only, no workers started yet), so the peak RSS
  // printed for it covers only loading, warm-up and the long series
  for (const length of [100_000, 1_000_000]) {
    const values = vtaSine(length, noise);
    values[Math.floor(length / 2)] = 40;
    const timing = await timeAll(() => renderer.png(asSeries([values], `long${length}`), line));
    longRows.push({ name: `(c) line ${length.toLocaleString('en-US')} pts`, images: 1, ...timing });
  }
  const longPeakRssMb = process.resourceUsage().maxRSS / 1024;
  // start the worker threads and let each parse the three specs (not in the throughput rows)
  const warmWorkers = await timeAll(async () => {
    for (const [options, make] of [
      [line, (i: number) => asSeries([univariate[i]!], `w${i}`)],
      [grid, (i: number) => asSeries(grids[i]!, `w${i}`)],
      [vta, (i: number) => asSeries(grids[i]!, `w${i}`)],
    ] as const) {
      await Promise.all(Array.from({ length: 8 }, (_, i) => renderer.png(make(i), options)));
    }
  });
  const batch = async (name: string, count: number, run: () => Promise<unknown>): Promise<void> => {
    rows.push({ name, images: count, ...(await timeAll(run)) });
  };
  await batch('(a) line 400 pts 1000×150', univariate.length, () =>
    Promise.all(univariate.map((v, i) => renderer.png(asSeries([v], `u${i}`), line))),
  );
  await batch('(b) grid 3×3 of 9×400 pts', grids.length, () =>
    Promise.all(grids.map((g, i) => renderer.png(asSeries(g, `g${i}`), grid))),
  );
  await batch('(b) grid 3×3, vta look', grids.length, () =>
    Promise.all(grids.map((g, i) => renderer.png(asSeries(g, `v${i}`), vta))),
  );
  rows.push(...longRows);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  await renderer.close();

  const mpl = matplotlib(univariate, grids);
  if (mpl !== undefined) {
    for (const row of rows) {
      if (row.name.startsWith('(a)')) row.matplotlib = { totalMs: mpl.uniMs, cpuMs: mpl.uniCpuMs };
      if (row.name.startsWith('(b)'))
        row.matplotlib = { totalMs: mpl.gridMs, cpuMs: mpl.gridCpuMs };
    }
  }

  const pad = (text: string, width: number): string => text.padStart(width);
  const num = (value: number | undefined, digits = 1): string =>
    value === undefined ? '-' : value.toFixed(digits);
  const ratio = (a: number | undefined, b: number): string =>
    a === undefined ? '-' : `${(a / b).toFixed(1)}×`;
  const lines = [
    `${'case'.padEnd(28)}${pad('images', 7)}${pad('ms/img', 9)}${pad('img/s', 8)}${pad('cpu ms/img', 11)}` +
      `${pad('mpl ms/img', 11)}${pad('mpl cpu', 9)}${pad('wall ×', 8)}${pad('cpu ×', 8)}`,
  ];
  for (const row of rows) {
    const perImage = row.totalMs / row.images;
    const cpuPerImage = row.cpuMs / row.images;
    const mplWall = row.matplotlib === undefined ? undefined : row.matplotlib.totalMs / row.images;
    const mplCpu = row.matplotlib === undefined ? undefined : row.matplotlib.cpuMs / row.images;
    lines.push(
      `${row.name.padEnd(28)}${pad(String(row.images), 7)}${pad(num(perImage), 9)}${pad(num(1000 / perImage), 8)}${pad(num(cpuPerImage), 11)}` +
        `${pad(num(mplWall), 11)}${pad(num(mplCpu), 9)}${pad(ratio(mplWall, perImage), 8)}${pad(ratio(mplCpu, cpuPerImage), 8)}`,
    );
  }
  lines.push('');
  lines.push(
    `load average at the end: ${loadavg()
      .map((v) => v.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores; cpu = whole-process CPU time (all threads)`,
  );
  lines.push(
    `first image per preset (template compile + parse, 3 presets, main thread): ${warm.totalMs.toFixed(0)} ms`,
  );
  lines.push(
    `concurrent warm-up (24 images; starts worker threads when there are any): ${warmWorkers.totalMs.toFixed(0)} ms; workers: ${workersArg === undefined ? 'default' : workersArg.slice('--workers='.length)}`,
  );
  lines.push(
    `peak RSS after (c) (run first, with module load and warm-up): ${longPeakRssMb.toFixed(0)} MB`,
  );
  lines.push(
    `peak RSS of the whole run (a)+(b)+(c), worker threads included: ${peakRssMb.toFixed(0)} MB`,
  );
  lines.push(
    mpl === undefined
      ? 'matplotlib: not available (/usr/bin/python3 -c "import matplotlib" failed)'
      : 'matplotlib: same series, figsize (10,1.5) / (10,10) subplots, tight_layout, PNG to memory, OPENBLAS_NUM_THREADS=1',
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
