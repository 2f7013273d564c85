/**
 * `npm run bench:pipeline -- --items 1000,10000,100000 [--modality text|image|both]`: peak RSS of
 * the detect pipeline by number of items. Each count runs in a fresh child process (peak RSS only
 * grows within a process) against the stand-in (its own process) answering at once; items are
 * made lazily, 32 in flight, answers counted as they come and dropped. Image items cycle through
 * 200 distinct series (as models, prompts and samples repeat a dataset), so most pictures come
 * from the renderer's PNG cache. The child bounds V8's heap growth as `runBench` does
 * (`boundHeapGrowth`, 20 %): a long-lived process calling `detect` in a loop should do the same,
 * since V8 otherwise reserves several times the live heap (10,000 image items: 407 MB RSS
 * unbounded, 233 MB bounded). `--v8-default` measures without the bound.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { detect } from '../src/detect/detect.js';
import { boundHeapGrowth } from '../src/heap-growth.js';
import { loadPrompt } from '../src/prompt/index.js';
import { createRenderer } from '../src/render/index.js';
import type { Series } from '../src/series/types.js';
import { startStandinWorker } from './standin-worker.js';

const distinctImages = 200;

/** Parses `--items a,b,c` and `--modality m` from argv. */
export function itemsFlags(argv: readonly string[]): { counts: number[]; modalities: string[] } {
  const value = (flag: string): string | undefined => {
    const index = argv.indexOf(flag);
    return index < 0 ? undefined : argv[index + 1];
  };
  const counts = (value('--items') ?? '1000,10000,100000').split(',').map(Number);
  const modality = value('--modality') ?? 'both';
  return { counts, modalities: modality === 'both' ? ['text', 'image'] : [modality] };
}

/** One count in this process: prints `rss <MB> <items> <answers> <seconds>` on stdout. */
export async function runItemsChild(
  count: number,
  modality: 'text' | 'image',
  options: { v8Default: boolean },
): Promise<void> {
  const release = options.v8Default ? () => undefined : boundHeapGrowth();
  const answer = JSON.stringify({ anomalous: false, anomalies: [], summary: 'nothing unusual' });
  // In its own process: the peak RSS measured is the pipeline's, as against a remote API.
  const standin = await startStandinWorker({ content: answer, host: 'process' });
  const { provider } = standin;
  const template = await loadPrompt('structured-range');
  const renderer = createRenderer();
  const seriesAt = (index: number): Series => {
    const shape = modality === 'image' ? index % distinctImages : index;
    const values = Float64Array.from({ length: 400 }, (_, t) => Math.sin(t / 4 + shape));
    return { id: `s${index}`, channels: ['value'], values: [values] };
  };
  const started = Date.now();
  let next = 0;
  let answers = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const series = seriesAt(next);
      next += 1;
      const result = await detect(series, { provider, prompt: template, modality, renderer });
      if (result.answer.anomalous === false) answers += 1;
    }
  };
  await Promise.all(Array.from({ length: 32 }, () => worker()));
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const seconds = (Date.now() - started) / 1000;
  console.log(`rss ${rssMb.toFixed(0)} ${count} ${answers} ${seconds.toFixed(1)}`);
  release();
  await renderer.close();
  await standin.close();
}

/** Every count and modality, each in its own child; prints a table. */
export async function runItemsTable(argv: readonly string[]): Promise<void> {
  const { counts, modalities } = itemsFlags(argv);
  const script = fileURLToPath(new URL('./pipeline.js', import.meta.url));
  const v8Default = argv.includes('--v8-default');
  console.log(
    v8Default
      ? "V8's own heap growth (--v8-default)"
      : 'heap growth bounded as runBench does (boundHeapGrowth 20 %; --v8-default to compare)',
  );
  console.log(
    'peak RSS of the detect pipeline by items (stand-in in its own process answering at once,' +
      ' 32 in flight)',
  );
  console.log('modality     items    answers  seconds  peak RSS MB');
  for (const modality of modalities) {
    for (const count of counts) {
      const child = spawn(
        process.execPath,
        [script, '--items-child', String(count), modality, ...(v8Default ? ['--v8-default'] : [])],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      await new Promise((resolve) => child.on('close', resolve));
      const [, rss = '?', items = '?', answers = '?', seconds = '?'] =
        /rss (\S+) (\S+) (\S+) (\S+)/.exec(out) ?? [];
      const cells = [modality.padEnd(8), items.padStart(9), answers.padStart(10)];
      console.log(`${cells.join(' ')} ${seconds.padStart(8)} ${rss.padStart(12)}`);
    }
  }
}
