/**
 * Starts the benchmark's stand-in server (bench/pipeline-standin.ts) in a worker thread or a
 * child process and an OpenAI-compatible provider pointed at it; the pipeline scripts share this
 * set-up.
 */
import { fork } from 'node:child_process';
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
  /**
   * `process` runs the server in a child process, so the peak RSS of this one is the pipeline's
   * alone (as against a remote API). @default 'thread'
   */
  host?: 'thread' | 'process';
}): Promise<StandinWorker> {
  const script = new URL('./pipeline-standin.js', import.meta.url);
  const settings = { delayMs: options.delayMs ?? 0, content: options.content };
  const server =
    options.host === 'process'
      ? fork(script, [JSON.stringify(settings)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
      : new Worker(script, { workerData: settings });
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
      const exited = new Promise((resolve) => server.once('exit', resolve));
      if (server instanceof Worker) server.postMessage('close');
      else server.send('close');
      await exited;
    },
  };
}
