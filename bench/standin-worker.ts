/**
 * Starts the benchmark's stand-in server (bench/pipeline-standin.ts) in a worker thread and an
 * OpenAI-compatible provider pointed at it; the pipeline scripts share this set-up.
 */
import { Worker } from 'node:worker_threads';
import { createOpenAICompatibleProvider } from '../src/providers/openai-compatible/index.js';
import type { Provider } from '../src/providers/types.js';

/** A running stand-in worker and the provider that calls it. */
export interface StandinWorker {
  provider: Provider;
  /** Stops the server and waits for the worker to exit. */
  close: () => Promise<void>;
}

/** Serves `content` as every chat answer, after `delayMs` (default 0). */
export async function startStandinWorker(options: {
  content: string;
  /** @default 0 */
  delayMs?: number;
}): Promise<StandinWorker> {
  const server = new Worker(new URL('./pipeline-standin.js', import.meta.url), {
    workerData: { delayMs: options.delayMs ?? 0, content: options.content },
  });
  const url = await new Promise<string>((resolve) =>
    server.once('message', (message: { url: string }) => resolve(message.url)),
  );
  const provider = createOpenAICompatibleProvider({
    model: 'bench',
    baseUrl: `${url}/v1`,
    env: {},
  });
  return {
    provider,
    close: async () => {
      server.postMessage('close');
      await new Promise((resolve) => server.once('exit', resolve));
    },
  };
}
