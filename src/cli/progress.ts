import cliProgress from 'cli-progress';
import type { BenchProgress } from '../bench/run.js';
import { MovingEta } from './eta.js';

/** Progress output: a bar on a TTY, a plain line every few seconds (and at the end) otherwise. */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): {
  update(progress: BenchProgress): void;
  stop(): void;
} {
  // With rolling windows the bar counts calls (windows), and the series count goes in the details.
  const counted = (p: BenchProgress): { done: number; total: number } => p.windows ?? p;
  // Calls/s over the last minute: the whole-run average carried dataset preparation along.
  const eta = new MovingEta();
  const describe = (p: BenchProgress): string => {
    const { done, total } = counted(p);
    const etaSeconds = eta.update(p.elapsedMs, done, total);
    const series = p.windows === undefined ? '' : `series ${p.done}/${p.total} · `;
    return `${series}errors ${p.errors} · parse fail ${p.parseFailures} · tokens ${p.inputTokens + p.outputTokens} · $${p.costUsd.toFixed(4)} · ETA ${etaSeconds === null ? '?' : `${etaSeconds}s`}`;
  };
  if (stream.isTTY === true) {
    const bar = new cliProgress.SingleBar(
      {
        format: '{bar} {value}/{total} · {details}',
        stream,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(progress) {
        if (!started) {
          bar.start(counted(progress).total, counted(progress).done, {
            details: describe(progress),
          });
          started = true;
        } else bar.update(counted(progress).done, { details: describe(progress) });
      },
      stop: () => bar.stop(),
    };
  }
  let lastPrinted = 0;
  let last: BenchProgress | undefined;
  const print = (p: BenchProgress): void => {
    const unit = p.windows === undefined ? '' : ' windows';
    stream.write(`progress ${counted(p).done}/${counted(p).total}${unit} · ${describe(p)}\n`);
    lastPrinted = p.elapsedMs;
  };
  return {
    update(progress) {
      last = progress;
      if (progress.elapsedMs - lastPrinted >= 5_000) print(progress);
    },
    stop() {
      if (last !== undefined) print(last);
    },
  };
}
