/**
 * Diagnostic of the contextual-points gates (`contextual.ts`) per series: period, cycles, the
 * template residual's scale against the local seasonal noise scale, its tail inflation, and how
 * many clear lone outliers it holds, on NAB dev files (env ANOMSCOPE_NAB_DEV) and on a generated
 * VTA split, so the gates can be seen to separate exactly repeating cycles from real ones.
 *
 *   node dist/bench/contextual-gates.js [--seed 1000] [--count 20] [--type contextual]
 */
import { loadNabDev } from './nab-dev.js';
import { generateVta } from '../src/datasets/vta.js';
import { contextualGates } from '../src/providers/baseline/contextual.js';
import { resolveBaselineOptions } from '../src/providers/baseline/options.js';
import { estimatePeriod } from '../src/providers/baseline/period.js';
import { choosePeriod } from '../src/providers/baseline/calendar-period.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? (args[index + 1] ?? fallback) : fallback;
};
const options = resolveBaselineOptions({});

/** One line per series, with the period and model the detector itself would choose. */
function line(name: string, values: Float64Array, timestamps?: readonly number[]): void {
  const found = estimatePeriod(values, options)?.period ?? null;
  const { period, model } = choosePeriod(values, found, timestamps, options);
  const gates = contextualGates(values, model, options);
  const cycles = period === null ? '—' : (values.length / period).toFixed(1);
  console.log(
    `${name.padEnd(44)} period ${period?.toFixed(1) ?? 'none'} cycles ${cycles} ` +
      (gates === null
        ? 'no template'
        : `scale ratio ${gates.scaleRatio.toFixed(2)} swing ${gates.swing.toFixed(1)} tail ${gates.tailInflation.toFixed(2)} ` +
          `clear ${gates.clear} kept ${gates.kept}`),
  );
}

const files = await loadNabDev();
if (files === null) console.log('NAB dev folder absent: NAB lines skipped');
else for (const file of files) line(file.key, file.values, file.timestamps);
const data = generateVta({
  kind: 'univariate',
  type: flag('type', 'contextual') as 'contextual',
  count: Number(flag('count', '20')),
  seed: Number(flag('seed', '1000')),
  split: 'train',
});
for (const item of data.items)
  line(
    item.series.id,
    Float64Array.from(item.series.values[0] ?? [], (v) => v ?? Number.NaN),
  );
