/**
 * `npm run bench:baseline-speed [-- --suite vta] [--limit N] [--per-track]`: the baseline
 * detector alone on every series of a suite (no pipeline, no rendering, no results file): time
 * per track and in all, the dataset generation time, and a SHA-256 digest of every answer. A
 * change meant only for speed must leave the digest unchanged (run before and after).
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { materializeDataset } from '../src/bench/materialize.js';
import { loadSuite } from '../src/bench/suite.js';
import { detectAnomalies } from '../src/providers/baseline/detector.js';
import type { Series } from '../src/series/types.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? (args[index + 1] ?? fallback) : fallback;
};
const limit = Number(flag('limit', '1000000'));
const { suite } = await loadSuite(flag('suite', 'vta'));
const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
console.log(`bench:baseline-speed ${suite.id}, load average ${load()} (2 shared cores)`);

const digest = createHash('sha256');
const cpuStarted = process.cpuUsage();
let generateMs = 0;
let detectMs = 0;
let series = 0;
for (const track of suite.tracks) {
  const startedGenerate = performance.now();
  const split = await materializeDataset(track.dataset);
  generateMs += performance.now() - startedGenerate;
  const startedTrack = performance.now();
  const items = split.items.slice(0, limit);
  for (const item of items) {
    const input: Series = {
      id: item.series.id,
      channels: item.series.channels,
      values: item.series.values.map((channel) =>
        Float64Array.from(channel, (value) => (value === null ? Number.NaN : value)),
      ),
    };
    digest.update(JSON.stringify(detectAnomalies(input)));
    series += 1;
  }
  const trackMs = performance.now() - startedTrack;
  detectMs += trackMs;
  if (args.includes('--per-track'))
    console.log(`${track.name.padEnd(34)} ${items.length} series ${trackMs.toFixed(0)} ms`);
}
console.log(
  `${series} series: detector ${(detectMs / 1000).toFixed(1)} s ` +
    `(${(detectMs / series).toFixed(2)} ms/series), datasets ${(generateMs / 1000).toFixed(1)} s`,
);
const cpu = process.cpuUsage(cpuStarted);
console.log(`process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (less sensitive to load)`);
console.log(`answers digest ${digest.digest('hex').slice(0, 16)}`);
console.log(`load average at the end ${load()}`);
