/**
 * Times the leaderboard bootstrap on a large run: a 95 % interval of the mean over 100,000
 * per-series scores and a paired comparison of two such models, 1,000 resamples each (seeded).
 *
 *   node dist/bench/bootstrap.js [--rows 100000] [--resamples 1000] [--seed 1]
 */
import { performance } from 'node:perf_hooks';
import { bootstrapInterval, meanStatistic, pairedBootstrap } from '../src/bench/bootstrap.js';
import { createRandom } from '../src/datasets/random.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1] ?? fallback) : fallback;
};
const rows = flag('rows', 100_000);
const resamples = flag('resamples', 1000);
const random = createRandom(flag('seed', 1));
const a = Float64Array.from({ length: rows }, () => random.uniform());
const b = a.map((value) => Math.min(1, value + 0.01 * random.normal()));

let start = performance.now();
const single = bootstrapInterval(meanStatistic(a), rows, { resamples });
const singleMs = performance.now() - start;
start = performance.now();
const paired = pairedBootstrap(meanStatistic(a), meanStatistic(b), rows, { resamples });
const pairedMs = performance.now() - start;
const fmt = (value: number | null): string => (value === null ? '—' : value.toFixed(5));
process.stdout.write(`${rows} rows, ${resamples} resamples\n`);
process.stdout.write(
  `interval of the mean: [${fmt(single.low)}, ${fmt(single.high)}] in ${singleMs.toFixed(0)} ms\n`,
);
process.stdout.write(
  `paired difference ${fmt(paired.difference)} [${fmt(paired.low)}, ${fmt(paired.high)}], p ${fmt(paired.pValue)} in ${pairedMs.toFixed(0)} ms\n`,
);
