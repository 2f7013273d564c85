/**
 * Where the top-3 loss of `bench:baseline-real` comes from: per file, affiliation F1 with all
 * alarms and with the three most confident, and the five most confident alarms (kind, category,
 * confidence, evidence, whether they overlap a label window). Files sorted by loss. Then the
 * rows flagged outside label windows: the widest alarms and a tally per alarm category.
 *
 *   node dist/bench/baseline-rank.js [--options '{"pointZ":6}'] [--top 5]
 */
import { intervalScores } from '../src/grade/interval-scores.js';
import { detectAnomalies } from '../src/providers/baseline/detector.js';
import type { BaselineOptions } from '../src/providers/baseline/options.js';
import type { Interval } from '../src/schema/interval.js';
import { loadNabDev } from './nab-dev.js';

const args = process.argv.slice(2);
const optionsIndex = args.indexOf('--options');
const options = (
  optionsIndex >= 0 ? JSON.parse(args[optionsIndex + 1] ?? '{}') : {}
) as Partial<BaselineOptions>;
const topIndex = args.indexOf('--top');
const shown = topIndex >= 0 ? Number(args[topIndex + 1]) : 5;

const fileIndex = args.indexOf('--file');
const only = fileIndex >= 0 ? (args[fileIndex + 1] ?? null) : null;
const files = await loadNabDev();
const rows: { loss: number; lines: string[] }[] = [];
const wide: string[] = [];
// Rows flagged inside / outside label windows per alarm category (files with windows).
const byCategory = new Map<string, { inside: number; outside: number; alarms: number }>();
let falseRows = 0;
let totalRows = 0;
for (const file of files ?? []) {
  if (only !== null && !file.key.includes(only)) continue;
  const result = detectAnomalies(
    { id: file.key, channels: ['value'], values: [file.values], timestamps: file.timestamps },
    options,
  );
  const found = result.anomalies.filter((a) => a.kind !== 'channel');
  const aff = (list: typeof found): number => {
    const predicted: Interval[] = list.map((a) => [a.start, a.end]);
    return (
      intervalScores({ truth: file.truth, predicted, length: file.values.length }).affiliation.f1 ??
      0
    );
  };
  // Same order as real-scores.ts: a stable sort by confidence of the detector's order.
  const ranked = [...found].sort((a, b) => b.confidence - a.confidence);
  const all = aff(found);
  const top = aff(ranked.slice(0, 3));
  const hit = (a: { start: number; end: number }): boolean =>
    file.truth.some(([s, e]) => a.start < e && s < a.end);
  if (file.truth.length === 0) {
    for (const a of found)
      wide.push(`${a.end - a.start} rows: ${file.key} (no window) ${a.kind}/${a.category}`);
    continue;
  }
  const lines = [
    `windows ${file.truth.map(([s, e]) => `[${s}, ${e})`).join(' ')} of ${file.values.length}`,
    `${file.key}: ${found.length} alarms, ${file.truth.length} windows, aff ${all.toFixed(3)} → top-3 ${top.toFixed(3)} (loss ${(all - top).toFixed(3)})`,
    ...ranked
      .slice(0, shown)
      .map(
        (a, i) =>
          `  ${i + 1}. ${hit(a) ? 'HIT ' : 'miss'} ${a.kind}/${a.category} [${a.start}, ${a.end}) conf ${a.confidence.toFixed(3)} score ${a.score.toFixed(1)}`,
      ),
  ];
  // Rows flagged outside every label window, and the alarms that flag most of them.
  const inWindow = (t: number): boolean => file.truth.some(([s, e]) => t >= s && t < e);
  const outside = found.map((a) => {
    let count = 0;
    for (let t = a.start; t < a.end; t++) if (!inWindow(t)) count++;
    return { alarm: a, count };
  });
  falseRows += outside.reduce((sum, o) => sum + o.count, 0);
  for (const o of outside) {
    const key = `${o.alarm.kind}/${o.alarm.category}`;
    const entry = byCategory.get(key) ?? { inside: 0, outside: 0, alarms: 0 };
    entry.inside += o.alarm.end - o.alarm.start - o.count;
    entry.outside += o.count;
    entry.alarms++;
    byCategory.set(key, entry);
  }
  totalRows += file.values.length;
  for (const o of outside)
    if (o.count > 0)
      wide.push(
        `${o.count} rows: ${file.key} ${o.alarm.kind}/${o.alarm.category} [${o.alarm.start}, ${o.alarm.end}) conf ${o.alarm.confidence.toFixed(3)} score ${o.alarm.score.toFixed(1)}`,
      );
  rows.push({ loss: all - top, lines });
}
rows.sort((a, b) => b.loss - a.loss);
for (const row of rows) console.log(row.lines.join('\n'));
const mean = rows.reduce((s, r) => s + r.loss, 0) / Math.max(1, rows.length);
wide.sort((a, b) => Number.parseInt(b, 10) - Number.parseInt(a, 10));
console.log(
  `\nrows flagged outside label windows (files with windows): ${falseRows} of ${totalRows}`,
);
for (const line of wide.slice(0, 25)) console.log(`  ${line}`);
console.log('\nrows flagged by alarm category (files with windows): outside / inside windows');
for (const [key, entry] of [...byCategory.entries()].sort((a, b) => b[1].outside - a[1].outside))
  console.log(`  ${key}: ${entry.alarms} alarms, ${entry.outside} / ${entry.inside} rows`);
console.log(`\nmean loss over ${rows.length} files with windows: ${mean.toFixed(3)}`);
