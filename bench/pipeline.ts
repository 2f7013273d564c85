/**
 * `npm run bench:pipeline`: the detect pipeline's throughput and overhead against the loopback
 * stand-in answering after 200 ms. Prints achieved requests/second against the ideal
 * (concurrency / 0.2 s), the pipeline's own overhead per request with and without rendering, and
 * the latency of a cache hit. `--items 1000,10000,100000` prints peak RSS by item count instead.
 */
import { performance } from 'node:perf_hooks';
import PQueue from 'p-queue';
import { createMemoryCache } from '../src/detect/cache.js';
import { buildRequest } from '../src/detect/build-request.js';
import { detect, type DetectOptions } from '../src/detect/detect.js';
import { parseAnswerText } from '../src/detect/parse/index.js';
import { requestKey } from '../src/providers/shared/request-key.js';
import { loadPrompt } from '../src/prompt/index.js';
import { createRenderer } from '../src/render/index.js';
import type { Series } from '../src/series/types.js';
import { runItemsChild, runItemsTable } from './pipeline-items.js';
import { startStandinWorker } from './standin-worker.js';

// `--items 1000,10000,100000`: peak RSS by item count instead of the throughput tables.
const childAt = process.argv.indexOf('--items-child');
if (childAt >= 0) {
  const modality = process.argv[childAt + 2] === 'image' ? 'image' : 'text';
  await runItemsChild(Number(process.argv[childAt + 1]), modality, {
    v8Default: process.argv.includes('--v8-default'),
  });
  process.exit(0);
}
if (process.argv.includes('--items')) {
  await runItemsTable(process.argv);
  process.exit(0);
}

const requests = Number(process.env['BENCH_REQUESTS'] ?? 1000);
const serverDelayMs = 200;
const answer = JSON.stringify({ anomalous: false, anomalies: [], summary: 'nothing unusual' });

function makeSeries(index: number): Series {
  const values = Float64Array.from(
    { length: 400 },
    (_, t) => Math.sin((2 * Math.PI * t) / 25 + index) + ((t * 7919 + index * 104729) % 97) / 970,
  );
  return { id: `s${index}`, channels: ['value'], values: [values] };
}

const standin = await startStandinWorker({ content: answer, delayMs: serverDelayMs });
const { provider } = standin;
const template = await loadPrompt('structured-range');
const renderer = createRenderer();
const series = Array.from({ length: requests }, (_, index) => makeSeries(index));

async function run(
  concurrency: number,
  modality: 'text' | 'image',
  cache?: ReturnType<typeof createMemoryCache>,
): Promise<{ wallMs: number; perCallMs: number[] }> {
  const work = new PQueue({ concurrency });
  const providerQueue = new PQueue({ concurrency });
  const perCallMs: number[] = [];
  const options: Omit<DetectOptions, 'provider'> = {
    task: 'range',
    prompt: template,
    modality,
    renderer,
    queue: providerQueue,
    retry: { initialDelayMs: 0 },
    ...(cache === undefined ? {} : { cache }),
  };
  const started = performance.now();
  await Promise.all(
    series.map((item) =>
      work.add(async () => {
        const callStarted = performance.now();
        await detect(item, { ...options, provider });
        perCallMs.push(performance.now() - callStarted);
      }),
    ),
  );
  return { wallMs: performance.now() - started, perCallMs };
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const rows: string[][] = [];
// Warm up JIT, fonts and connections so the first row is not penalised.
await run(8, 'image');

for (const modality of ['text', 'image'] as const) {
  for (const concurrency of [8, 32, 128]) {
    const { wallMs, perCallMs } = await run(concurrency, modality);
    const achieved = requests / (wallMs / 1000);
    const ideal = concurrency / (serverDelayMs / 1000);
    rows.push([
      modality === 'text' ? 'excluded (text)' : 'included (image)',
      String(concurrency),
      achieved.toFixed(1),
      ideal.toFixed(1),
      `${((achieved / ideal) * 100).toFixed(1)} %`,
      (mean(perCallMs) - serverDelayMs).toFixed(2),
    ]);
  }
}

const cache = createMemoryCache();
await run(32, 'image', cache);
const hits = await run(32, 'image', cache);

/** The pipeline's own work per request, measured serially (no network): build, key, parse. */
async function ownOverheadMs(
  modality: 'text' | 'image',
): Promise<{ buildMs: number; keyMs: number; parseMs: number }> {
  const sample = series.slice(0, 200).map((item) => ({ ...item, id: `${item.id}-own` }));
  let started = performance.now();
  const built = [];
  for (const item of sample)
    built.push(await buildRequest(item, template, provider, { modality, renderer, task: 'range' }));
  const buildMs = (performance.now() - started) / sample.length;
  started = performance.now();
  for (const { request } of built) requestKey(provider.id, request);
  const keyMs = (performance.now() - started) / sample.length;
  started = performance.now();
  for (let index = 0; index < sample.length; index += 1)
    parseAnswerText(answer, 'structured', { length: 400, taxonomy: 'univariate' });
  const parseMs = (performance.now() - started) / sample.length;
  return { buildMs, keyMs, parseMs };
}
const ownText = await ownOverheadMs('text');
const ownImage = await ownOverheadMs('image');

const header = ['render', 'concurrency', 'req/s', 'ideal req/s', 'of ideal', 'overhead ms/req'];
const widths = header.map((title, column) =>
  Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
);
const line = (cells: string[]): string =>
  cells.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  ');
console.log(`detect pipeline, ${requests} requests, stand-in answering after ${serverDelayMs} ms`);
console.log(line(header));
for (const row of rows) console.log(line(row));
for (const [label, own] of [
  ['render excluded (text)', ownText],
  ['render included (image)', ownImage],
] as const) {
  console.log(
    `pipeline's own work per request, ${label}: build ${own.buildMs.toFixed(2)} ms + key ${own.keyMs.toFixed(2)} ms + parse ${own.parseMs.toFixed(3)} ms = ${(own.buildMs + own.keyMs + own.parseMs).toFixed(2)} ms (the rest of "overhead" is the SDK, loopback HTTP and waiting for the CPU)`,
  );
}
console.log(
  `cache hit (image request, keyed without rendering): ${mean(hits.perCallMs).toFixed(2)} ms mean per call, ${(requests / (hits.wallMs / 1000)).toFixed(0)} hits/s at 32-way`,
);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
await standin.close();
