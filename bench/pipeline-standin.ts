/**
 * The benchmark's stand-in server, run in a worker thread so its own request handling does not
 * share the event loop with the pipeline being measured.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startStandin } from '../src/testing/standin-server.js';

const { delayMs, content } = workerData as { delayMs: number; content: string };
const standin = await startStandin();
// The stand-in records every request; a long run would measure that record, not the pipeline.
standin.setHandler('POST /v1/chat/completions', () => {
  standin.requests.length = 0;
  return reply;
});
const reply = {
  delayMs,
  body: {
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 800, completion_tokens: 20 },
  },
};
parentPort?.postMessage({ url: standin.url });
parentPort?.on('message', (message: unknown) => {
  if (message === 'close') void standin.close().then(() => process.exit(0));
});
