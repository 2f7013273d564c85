/**
 * Third step of `anomscope bench`: send the run's work, online or through batch APIs, with a
 * progress line on stderr and Ctrl-C stopping it cleanly.
 */
import { createBatchBackend, createBatchExecutor } from '../batch/index.js';
import { createOnlineExecutor } from '../bench/online.js';
import { runBench, type RunBenchResult } from '../bench/run.js';
import { createDiskCache } from '../detect/cache.js';
import type { PreparedRun } from './bench-prepare.js';
import type { RunSetup } from './bench-setup.js';
import { createProgressReporter } from './progress.js';

/** Runs the bench; the first Ctrl-C drops the calls in flight and ends the run resumable. */
export async function executeRun(run: PreparedRun, setup: RunSetup): Promise<RunBenchResult> {
  const { runId, runDir, suite, flags } = run;
  const { providers, samples, prices, batchBackends } = setup;
  const controller = new AbortController();
  const onSigint = (): void => {
    process.stderr.write(
      `\nstopping: calls in flight are dropped; continue with --resume ${runId}\n`,
    );
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const progress = createProgressReporter();
  process.stderr.write(
    `run ${runId}: suite ${suite.id}, ${providers.map((p) => p.id).join(', ')}\n`,
  );
  try {
    return await runBench({
      suite,
      providers,
      runDir,
      retryErrors: flags.retryErrors,
      signal: controller.signal,
      onProgress: (p) => progress.update(p),
      onPreparing: (step) =>
        process.stderr.write(`preparing dataset ${step.index + 1}/${step.total}: ${step.track}\n`),
      samples,
      executor:
        batchBackends === undefined
          ? createOnlineExecutor({ concurrency: flags.concurrency, timeoutMs: flags.timeoutMs })
          : createBatchExecutor({
              backendFor: (provider) =>
                batchBackends.get(provider) ??
                createBatchBackend(provider.id, { env: process.env }),
              pollIntervalMs: flags.batchPollMs ?? 15_000,
              onEvent: (event) => {
                if (event.type === 'created')
                  process.stderr.write(
                    `${event.provider}: batch ${event.batchId} created (#${event.index}); safe to stop and --resume ${runId}\n`,
                  );
                if (event.type === 'collected')
                  process.stderr.write(
                    `${event.provider}: batch ${event.batchId} done: ${event.ok} answers, ${event.failed} failed\n`,
                  );
              },
            }),
      ...(flags.maxCostUsd === undefined ? {} : { maxCostUsd: flags.maxCostUsd }),
      ...(prices === undefined ? {} : { prices }),
      ...(flags.cache ? { cache: createDiskCache({ dir: flags.cacheDir }) } : {}),
    });
  } finally {
    progress.stop();
    process.off('SIGINT', onSigint);
  }
}
