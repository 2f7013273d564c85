/**
 * Report benchmark on real series: `npm run bench:report`.
 * Writes `anomscope report`'s output (offline baseline detector, NAB labels) for the nab-dev
 * folder (env ANOMSCOPE_NAB_DEV, default ../shared/data/nab-dev) into a temporary folder, in three
 * fresh processes (each as cold as a CLI run): the first 14 series (the issue's "14 series"
 * target), all series, and the detector alone on all series. Prints wall and CPU time (all
 * threads), the wall time per phase (waiting for detection, report models, images, writing), the
 * total size, the largest reports, the number of close-ups and the load average. The series and
 * labels are read as `anomscope report data/ --labels combined_windows.json` reads them: the
 * product loader with its defaults and the label-file reader. Skips loudly (exit 0) when the
 * folder is absent. `-- --series N` or `-- --detect-only` runs one pass in this process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { detect } from '../src/detect/detect.js';
import { join, resolve } from 'node:path';
import { createProvider } from '../src/providers/registry.js';
import { createRenderer } from '../src/render/index.js';
import { readReportLabels } from '../src/report/label-input.js';
import { writeSeriesReports } from '../src/report/series-report.js';
import { loadSeries } from '../src/series/load.js';

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? await folderBytes(path) : (await stat(path)).size;
  }
  return total;
}

/** Close-up PNGs written under `dir` (`anomaly-<n>.png`). */
async function closeUps(dir: string): Promise<number> {
  let count = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile() && /^anomaly-\d+\.png$/.test(entry.name)) count += 1;
  return count;
}

const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/** CPU seconds of this process (every thread) since `since`. */
function cpuSeconds(since: NodeJS.CpuUsage): string {
  const used = process.cpuUsage(since);
  return ((used.user + used.system) / 1e6).toFixed(1);
}

/** Reads the folder's series (the first `count`) and labels as `anomscope report` does. */
async function readNab(root: string, count: number) {
  const loadStart = performance.now();
  const warnings: string[] = [];
  const all = await loadSeries(join(root, 'data'), {
    onWarning: (message) => warnings.push(message),
  });
  const series = all.slice(0, count);
  const labels = await readReportLabels(join(root, 'combined_windows.json'), series, {
    onWarning: (message) => warnings.push(message),
  });
  const points = series.reduce((sum, one) => sum + (one.values[0]?.length ?? 0), 0);
  const line = `${series.length} series, ${points} points, ${labels.size} labels (read in ${(performance.now() - loadStart).toFixed(0)} ms, ${warnings.length} loader warnings)`;
  return { series, labels, line };
}

/** The detector alone on every series, all in flight (its worker pool takes them in turn). */
async function detectOnly(root: string): Promise<void> {
  const { series, line } = await readNab(root, Number.MAX_SAFE_INTEGER);
  const provider = createProvider('baseline');
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(series.map((one) => detect(one, { provider, task: 'diagnose' })));
  process.stdout.write(
    `detector alone on ${line}: ${(performance.now() - start).toFixed(0)} ms wall, CPU ${cpuSeconds(cpu)} s; load ${load()}\n`,
  );
}

/** One report pass over the first `count` series, in this process. */
async function reportPass(root: string, count: number): Promise<void> {
  const { series, labels, line } = await readNab(root, count);
  const outDir = await mkdtemp(join(tmpdir(), 'anomscope-bench-report-'));
  try {
    const loadBefore = load();
    const cpu = process.cpuUsage();
    const start = performance.now();
    const result = await writeSeriesReports(series, {
      outDir,
      detect: {
        provider: createProvider('baseline'),
        task: 'diagnose',
        renderer: createRenderer(),
      },
      labels,
    });
    const reportMs = performance.now() - start;
    const cpuUsed = cpuSeconds(cpu);
    const total = await folderBytes(outDir);
    const sizes = await Promise.all(
      result.reports.map(async (written) => ({
        id: written.seriesId,
        bytes: await folderBytes(written.dir),
      })),
    );
    sizes.sort((a, b) => b.bytes - a.bytes);
    const anomalies = result.reports.reduce(
      (sum, written) => sum + written.report.anomalies.length,
      0,
    );
    const { timings } = result;
    const lines = [
      `nab-dev, first ${count === Number.MAX_SAFE_INTEGER ? 'all' : count}: ${line}`,
      `  report (baseline, with labels): ${reportMs.toFixed(0)} ms wall, ${(reportMs / Math.max(1, series.length)).toFixed(0)} ms per series, CPU ${cpuUsed} s (all threads); load ${loadBefore} -> ${load()}`,
      `  phases (wall): waiting for detection ${timings.detectMs.toFixed(0)} ms, report models ${timings.modelMs.toFixed(0)} ms, images ${timings.imagesMs.toFixed(0)} ms, writing ${timings.writeMs.toFixed(0)} ms`,
      `  written: ${result.reports.length} reports, ${result.failures.length} failed, index ${result.index === null ? 'none' : 'yes'}; anomalies found: ${anomalies}; close-ups drawn: ${await closeUps(outDir)}`,
      `  total size: ${(total / 1e6).toFixed(2)} MB; largest: ${sizes
        .slice(0, 3)
        .map((entry) => `${entry.id} ${(entry.bytes / 1e3).toFixed(0)} kB`)
        .join(', ')}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const root = resolve(process.env.ANOMSCOPE_NAB_DEV ?? '../shared/data/nab-dev');
  if (!existsSync(join(root, 'combined_windows.json'))) {
    process.stderr.write(
      `!!! SKIPPING bench:report: no nab-dev folder at ${root} (set ANOMSCOPE_NAB_DEV)\n`,
    );
    return;
  }
  const args = process.argv.slice(2);
  const seriesAt = args.indexOf('--series');
  if (args.includes('--detect-only')) return detectOnly(root);
  if (seriesAt >= 0) {
    const count = Number(args[seriesAt + 1]);
    return reportPass(root, Number.isInteger(count) && count > 0 ? count : Number.MAX_SAFE_INTEGER);
  }
  process.stdout.write(`from ${root}; load average ${load()} (1, 5, 15 min)\n`);
  for (const pass of [['--series', '14'], ['--series', 'all'], ['--detect-only']]) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...pass], {
      stdio: 'inherit',
      env: process.env,
    });
    if (child.status !== 0) throw new Error(`bench:report ${pass.join(' ')} failed`);
  }
}

await main();
