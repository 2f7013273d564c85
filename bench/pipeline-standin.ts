/**
 * The benchmark's stand-in server, run in a worker thread (or a child process: `host: 'process'`
 * of `startStandinWorker`) so its own request handling does not share the event loop, or the
 * memory, of the pipeline being measured.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startStandin } from '../src/testing/standin-server.js';

const { delayMs, content } = (workerData ?? JSON.parse(process.argv[2] ?? '{}')) as {
  delayMs: number;
  content: string;
};
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
const close = (): void => void standin.close().then(() => process.exit(0));
if (parentPort !== null) {
  parentPort.postMessage({ url: standin.url });
  parentPort.on('message', (message: unknown) => {
    if (message === 'close') close();
  });
} else {
  process.send?.({ url: standin.url });
  process.on('message', (message: unknown) => {
    if (message === 'close') close();
  });
  // The parent died without saying goodbye: do not outlive it.
  process.on('disconnect', close);
}
