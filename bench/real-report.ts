/** The real-data report of `bench:baseline-real` and `bench:baseline` (see `baseline-real.ts`). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BaselineOptions } from '../src/providers/baseline/options.js';
import { loadNabDev, nabDevFolder, type NabFile } from './nab-dev.js';
import { baselineAlarms, fileScores, summarise, type RealSummary } from './real-scores.js';

const pct = (value: number): string => `${(100 * value).toFixed(1)} %`;
const fixed = (value: number | null): string =>
  value === null || !Number.isFinite(value) ? '—' : value.toFixed(3);

function row(name: string, s: RealSummary): string {
  return `| ${name} | ${fixed(s.affiliation)} | ${fixed(s.event)} | ${fixed(s.pointAdjusted)} | ${fixed(s.pointwise)} | ${fixed(s.rangeBased)} | ${pct(s.flagged)} | ${pct(s.flaggedClean)} |`;
}

/**
 * Prints the real-data table (ours, the always-anomalous/always-empty checks, NAB's detectors from
 * the README), top-3 loss, calibration, cap and time; one line per file with `perFile`.
 */
export async function printRealData(
  options: Partial<BaselineOptions>,
  report: { perFile: boolean },
): Promise<void> {
  const files = await loadNabDev();
  if (files === null) return;
  const runs = files.map((file) => baselineAlarms(file, options));
  const ours = summarise(
    files,
    runs.map((run) => run.alarms),
  );
  const all = summarise(
    files,
    files.map((file) => [{ start: 0, end: file.values.length, confidence: 1 }]),
  );
  const none = summarise(
    files,
    files.map(() => []),
  );
  const merged = files.reduce((sum, file) => sum + file.merged, 0);
  console.log(
    `NAB dev files: ${files.length} from ${nabDevFolder()} (${merged} rows merged from repeated timestamps)`,
  );
  console.log(
    '| detector | aff F1 | event F1 | PA-F1 | point F1 | range F1 | rows flagged | flagged on anomaly-free files |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  console.log(row('**anomscope baseline**', ours));
  console.log(row('always-anomalous (this script)', all));
  console.log(row('always-empty (this script)', none));
  const readme = readFileSync(join(nabDevFolder(), 'README.md'), 'utf8').split('\n');
  for (const line of readme)
    if (line.startsWith('| NAB ')) console.log(`${line.replace('| NAB ', '| NAB ')} (README)`);
  const loss = ours.affiliation - ours.affiliationTop3;
  console.log(
    `\ntop-3 alarms by confidence per file: aff F1 ${fixed(ours.affiliationTop3)} (loss ${fixed(loss)}; target ≤ 0.030)`,
  );
  const ece = ours.calibration.ece;
  console.log(
    `calibration (alarms by stated confidence; right = overlaps a label window), ECE ${ece === null ? '—' : ece.toFixed(3)}:`,
  );
  for (const bin of ours.calibration.bins) {
    if (bin.count === 0) continue;
    console.log(
      `  ${bin.low.toFixed(1)}–${bin.high.toFixed(1)}: ${bin.count} alarms, mean confidence ${pct(bin.meanConfidence ?? 0)}, ${pct(bin.accuracy ?? 0)} right`,
    );
  }
  const capped = runs.filter((run) => run.capped).length;
  const ms = runs.reduce((sum, run) => sum + run.ms, 0);
  // CPU time beside wall time: on a shared machine the wall clock also counts other processes.
  const cpuMs = runs.reduce((sum, run) => sum + run.cpuMs, 0);
  console.log(
    `alarms: ${ours.alarms}; alarm cap bit on ${capped} of ${files.length} files; detection ${ms.toFixed(0)} ms in total (${cpuMs.toFixed(0)} ms CPU; target < 2000 ms)`,
  );
  // Leave-half-out view: files sorted by name, alternate ones in each half, so a default can be
  // checked to help on both halves rather than on the whole only.
  const order = files.map((file, index) => ({ key: file.key, index }));
  order.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const halves = [0, 1].map((parity) => {
    const chosen = order.filter((_, rank) => rank % 2 === parity).map((entry) => entry.index);
    const half = summarise(
      chosen.map((index) => files[index] as NabFile),
      chosen.map((index) => runs[index]?.alarms ?? []),
    );
    return `${fixed(half.affiliation)} / ${fixed(half.event)} / ${(100 * half.flagged).toFixed(2)} %`;
  });
  console.log(
    `rows flagged ${(100 * ours.flagged).toFixed(2)} %; halves by sorted name (aff F1 / event F1 / flagged): even ${halves[0]}, odd ${halves[1]}`,
  );
  if (!report.perFile) return;
  console.log('\nfile | rows | alarms | aff F1 | event F1 | flagged');
  files.forEach((file, index) => {
    const run = runs[index];
    if (run === undefined) return;
    const s = fileScores(file, run.alarms);
    console.log(
      `${file.key} | ${file.values.length} | ${run.alarms.length}${run.capped ? ' (cap)' : ''} | ${fixed(s.affiliation)} | ${fixed(s.event)} | ${pct(s.flagged)}`,
    );
  });
}
