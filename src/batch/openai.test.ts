import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderError } from '../errors.js';
import { startStandin, type Standin } from '../testing/standin-server.js';
import { createOpenAIBatchBackend } from './openai.js';
import { runBatches, type BatchEvent, type BatchJob } from './runner.js';
import { installFakeOpenAIBatches, type FakeLineResult } from '../testing/standin-batches.js';
import { readBatches } from './state.js';
import type { BatchOutcome } from './types.js';

let standin: Standin;
let dir: string;
let runDir: string;
let run = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anomscope-batch-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  standin = await startStandin();
  run += 1;
  runDir = join(dir, `run${run}`);
});
afterEach(async () => {
  await standin.close();
});

const jobs = (count: number): BatchJob[] =>
  Array.from({ length: count }, (_, index) => ({
    key: `track|s${index}|openai:gpt-4o|p@1|image|none|s0`,
    build: async () => ({
      request: { model: 'gpt-4o', messages: [{ role: 'user' as const, text: `series ${index}` }] },
      requestKey: `rk${index}`,
    }),
  }));

/** Answer "[[i, i+1]]" for series i; the series number is in the user text. */
const echo = (_id: string, body: Record<string, unknown>): FakeLineResult => {
  const text = JSON.stringify(body['messages']);
  const index = Number(/series (\d+)/.exec(text)?.[1]);
  return { kind: 'ok', content: `[[${index}, ${index + 1}]]` };
};

async function go(options: {
  count: number;
  signal?: AbortSignal;
  onEvent?: (event: BatchEvent) => void;
  limits?: { maxRequests?: number; maxBytes?: number };
}) {
  const outcomes: BatchOutcome[] = [];
  const events: BatchEvent[] = [];
  const result = await runBatches({
    backend: createOpenAIBatchBackend({ apiKey: 'sk-test-batch', baseUrl: `${standin.url}/v1` }),
    providerId: 'openai:gpt-4o',
    runDir,
    jobs: jobs(options.count),
    onOutcome: (outcome) => void outcomes.push(outcome),
    pollIntervalMs: 0,
    initialDelayMs: 0,
    onEvent: (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return { result, outcomes, events };
}

const byKey = (outcomes: BatchOutcome[]) =>
  new Map(outcomes.map((outcome) => [outcome.key.split('|')[1], outcome]));

describe('OpenAI batch lifecycle', () => {
  it('writes custom_id JSONL, uploads it once, creates a 24 h batch, polls through every state and joins lines on custom_id', async () => {
    const fake = installFakeOpenAIBatches(standin, { answer: echo });
    const { result, outcomes, events } = await go({ count: 3 });
    expect(result).toEqual({ created: 1, collected: 1, stoppedBy: 'done' });
    expect(fake.uploads()).toBe(1);
    const upload = standin.requestsFor('POST /v1/files')[0]!;
    expect(upload.rawBody).toContain('name="purpose"\r\n\r\nbatch');
    expect(standin.requestsFor('POST /v1/batches')[0]!.body).toEqual({
      input_file_id: 'file-in1',
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    const lines = [...fake.batchInputs.values()][0]!.map(
      (line) =>
        JSON.parse(line) as {
          custom_id: string;
          method: string;
          url: string;
          body: { model: string };
        },
    );
    expect(
      lines.map((line) => [line.custom_id.split('|')[1], line.method, line.url, line.body.model]),
    ).toEqual([
      ['s0', 'POST', '/v1/chat/completions', 'gpt-4o'],
      ['s1', 'POST', '/v1/chat/completions', 'gpt-4o'],
      ['s2', 'POST', '/v1/chat/completions', 'gpt-4o'],
    ]);
    expect(
      events
        .filter((event) => event.type === 'polled')
        .map((event) => (event as { state: string }).state),
    ).toEqual(['validating', 'in_progress', 'finalizing', 'completed']);
    // The fake writes output lines in reverse order: the join must be on custom_id.
    const found = byKey(outcomes);
    for (const index of [0, 1, 2]) {
      const outcome = found.get(`s${index}`)!;
      expect('response' in outcome && outcome.response.text).toBe(`[[${index}, ${index + 1}]]`);
      expect('response' in outcome && outcome.response.usage).toEqual({
        inputTokens: 1000,
        outputTokens: 100,
      });
    }
    const ledger = await readBatches(runDir);
    expect(ledger.batches).toMatchObject([
      {
        index: 0,
        provider: 'openai:gpt-4o',
        inputFileId: 'file-in1',
        batchId: 'batch_2',
        state: 'completed',
        collected: true,
      },
    ]);
    expect(ledger.batches[0]!.requestKeys[ledger.batches[0]!.keys[1]!]).toBe('rk1');
    expect(
      (await readFile(join(runDir, 'batches', '0000-openai_gpt-4o.output.jsonl'), 'utf8')).split(
        '\n',
      ),
    ).toHaveLength(4);
    expect(JSON.stringify(ledger)).not.toContain('sk-test-batch');
  });

  it('reads a partial errors file: an API error under response.body, and response null with an error object', async () => {
    installFakeOpenAIBatches(standin, {
      answer: (id, body) => {
        if (id.includes('|s1|'))
          return {
            kind: 'http_error',
            status: 429,
            message: 'Rate limit reached for gpt-4o',
            code: 'rate_limit_exceeded',
          };
        if (id.includes('|s2|'))
          return {
            kind: 'line_error',
            code: 'batch_expired',
            message: 'This request could not be executed before the completion window expired.',
          };
        if (id.includes('|s3|'))
          return { kind: 'http_error', status: 400, message: "Invalid 'messages': empty array." };
        return echo(id, body);
      },
    });
    const { outcomes } = await go({ count: 4 });
    const found = byKey(outcomes);
    expect(outcomes).toHaveLength(4);
    expect('response' in found.get('s0')!).toBe(true);
    const error = (name: string) => (found.get(name) as { error: ProviderError }).error;
    expect(error('s1')).toMatchObject({ code: 'provider.rate_limited', status: 429 });
    expect(error('s1').message).toContain('rate_limit_exceeded: Rate limit reached');
    expect(error('s2')).toMatchObject({ code: 'batch.request_failed' });
    expect(error('s2').message).toContain('batch_expired');
    expect(error('s3')).toMatchObject({ code: 'provider.bad_request', status: 400 });
    await expect(
      stat(join(runDir, 'batches', '0000-openai_gpt-4o.errors.jsonl')),
    ).resolves.toBeTruthy();
  });

  it('takes a completed batch with output_file_id null (every request failed) without downloading a null file', async () => {
    installFakeOpenAIBatches(standin, {
      answer: () => ({ kind: 'http_error', status: 500, message: 'The server had an error' }),
    });
    const { outcomes } = await go({ count: 2 });
    expect(outcomes.map((outcome) => ('error' in outcome ? outcome.error.code : 'ok'))).toEqual([
      'provider.server_error',
      'provider.server_error',
    ]);
    expect(standin.requests.filter((request) => request.path.includes('null'))).toHaveLength(0);
    expect(
      standin.requestsFor('GET /v1/files/{id}/content').map((request) => request.path),
    ).toEqual(['/v1/files/file-err-batch_2/content']);
  });

  it('turns a failed batch (malformed input) into one error per key quoting errors.data', async () => {
    installFakeOpenAIBatches(standin, {
      answer: echo,
      states: ['validating', 'failed'],
      failedErrors: [
        {
          code: 'invalid_json_line',
          message: 'This line is not parseable as valid JSON.',
          line: 2,
        },
      ],
    });
    const { outcomes } = await go({ count: 3 });
    expect(outcomes).toHaveLength(3);
    for (const outcome of outcomes) {
      expect('error' in outcome && outcome.error.code).toBe('batch.failed');
      expect('error' in outcome && outcome.error.message).toContain(
        'line 2: invalid_json_line: This line is not parseable',
      );
    }
    expect(standin.requestsFor('GET /v1/files/{id}/content')).toHaveLength(0);
  });

  it('keeps the completed lines of an expired batch and makes the rest retryable errors', async () => {
    installFakeOpenAIBatches(standin, {
      answer: (id, body) => (id.includes('|s1|') ? { kind: 'missing' } : echo(id, body)),
      states: ['validating', 'in_progress', 'expired'],
    });
    const { outcomes } = await go({ count: 3 });
    const found = byKey(outcomes);
    expect('response' in found.get('s0')! && 'response' in found.get('s2')!).toBe(true);
    expect(found.get('s1')).toMatchObject({ error: { code: 'batch.expired', retryable: true } });
  });

  it.each([
    ['requests', { maxRequests: 2 }, [2, 2, 1]],
    ['bytes', { maxBytes: 400 }, [2, 2, 1]],
  ] as [string, { maxRequests?: number; maxBytes?: number }, number[]][])(
    'splits into several batches over the %s limit',
    async (_what, limits, sizes) => {
      const fake = installFakeOpenAIBatches(standin, { answer: echo });
      const { outcomes } = await go({ count: 5, limits });
      expect([...fake.batchInputs.values()].map((lines) => lines.length)).toEqual(sizes);
      for (const lines of fake.batchInputs.values())
        expect(lines.join('\n').length + 1).toBeLessThanOrEqual(limits.maxBytes ?? Infinity);
      expect(fake.uploads()).toBe(3);
      expect(outcomes).toHaveLength(5);
      expect(new Set(outcomes.map((outcome) => outcome.key)).size).toBe(5);
    },
  );

  it.each([
    ['created', 1],
    ['uploaded', 0],
  ])(
    'resumes a run killed after the batch was %s without a second upload',
    async (when, createdBeforeKill) => {
      const fake = installFakeOpenAIBatches(standin, { answer: echo });
      const controller = new AbortController();
      const first = await go({
        count: 3,
        signal: controller.signal,
        onEvent: (event) => event.type === when && controller.abort(),
      });
      expect(first.result.stoppedBy).toBe('aborted');
      expect(first.outcomes).toHaveLength(0);
      expect(fake.creates()).toBe(createdBeforeKill);

      const second = await go({ count: 3 });
      expect(second.result).toEqual({
        created: 1 - createdBeforeKill,
        collected: 1,
        stoppedBy: 'done',
      });
      expect(fake.uploads()).toBe(1);
      expect(fake.creates()).toBe(1);
      expect(second.outcomes.filter((outcome) => 'response' in outcome)).toHaveLength(3);
      // A third run finds nothing left to do.
      const third = await go({ count: 0 });
      expect(third.result).toEqual({ created: 0, collected: 0, stoppedBy: 'done' });
      expect(standin.requestsFor('POST /v1/files')).toHaveLength(1);
    },
  );
});
