/**
 * Report benchmark on real series: `npm run bench:report`.
 * Writes `anomscope report`'s output (offline baseline detector, NAB labels) for every series of
 * the nab-dev folder (env ANOMSCOPE_NAB_DEV, default ../shared/data/nab-dev) into a temporary
 * folder and prints the wall time, the total size, the largest report and the number of
 * close-ups. The series and labels are read as `anomscope report data/ --labels
 * combined_windows.json` reads them: the product loader with its defaults (rows sorted by time,
 * repeated timestamps merged by mean) and the label-file reader. Skips loudly (exit 0) when the
 * folder is absent.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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

async function main(): Promise<void> {
  const root = resolve(process.env.ANOMSCOPE_NAB_DEV ?? '../shared/data/nab-dev');
  if (!existsSync(join(root, 'combined_windows.json'))) {
    process.stderr.write(
      `!!! SKIPPING bench:report: no nab-dev folder at ${root} (set ANOMSCOPE_NAB_DEV)\n`,
    );
    return;
  }
  const loadStart = performance.now();
  const warnings: string[] = [];
  const series = await loadSeries(join(root, 'data'), {
    onWarning: (message) => warnings.push(message),
  });
  const labels = await readReportLabels(join(root, 'combined_windows.json'), series, {
    onWarning: (message) => warnings.push(message),
  });
  const loadMs = performance.now() - loadStart;
  const outDir = await mkdtemp(join(tmpdir(), 'anomscope-bench-report-'));
  try {
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
    const total = await folderBytes(outDir);
    const sizes = await Promise.all(
      result.reports.map(async (written) => ({
        id: written.seriesId,
        bytes: await folderBytes(written.dir),
      })),
    );
    sizes.sort((a, b) => b.bytes - a.bytes);
    const points = series.reduce((sum, one) => sum + (one.values[0]?.length ?? 0), 0);
    const anomalies = result.reports.reduce(
      (sum, written) => sum + written.report.anomalies.length,
      0,
    );
    const lines = [
      `nab-dev: ${series.length} series, ${points} points, ${labels.size} labels (read in ${loadMs.toFixed(0)} ms, ${warnings.length} loader warnings), from ${root}`,
      `report (baseline, with labels): ${reportMs.toFixed(0)} ms total, ${(reportMs / Math.max(1, series.length)).toFixed(0)} ms per series`,
      `written: ${result.reports.length} reports, ${result.failures.length} failed, index ${result.index === null ? 'none' : 'yes'}`,
      `anomalies found: ${anomalies}; close-ups drawn: ${await closeUps(outDir)}`,
      `total size: ${(total / 1e6).toFixed(2)} MB; largest: ${sizes
        .slice(0, 3)
        .map((entry) => `${entry.id} ${(entry.bytes / 1e3).toFixed(0)} kB`)
        .join(', ')}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

await main();
