import type { RecordedRequest, Standin } from './standin-server.js';

/** What the fake batch API answers for one request line. */
export type FakeLineResult =
  | { kind: 'ok'; content: string; usage?: { prompt_tokens: number; completion_tokens: number } }
  /** `error: null`, the API error under `response.body` with this status. */
  | { kind: 'http_error'; status: number; message: string; code?: string }
  /** `response: null` with an `error` object. */
  | { kind: 'line_error'; code: string; message: string }
  /** No line at all (an expired batch's unrun request). */
  | { kind: 'missing' }
  /**
   * A damaged output line: cut off mid-JSON (`truncated`) or JSON of the wrong shape
   * (`wrong_shape`).
   */
  | { kind: 'garbled'; how: 'truncated' | 'wrong_shape' };

export interface FakeOpenAIBatchOptions {
  /** The answer for a line, from its `custom_id` and chat body. */
  answer: (customId: string, body: Record<string, unknown>) => FakeLineResult;
  /**
   * States the batch walks through, one per poll; the last one is final. @default validating,
   * in_progress, finalizing, completed
   */
  states?: string[];
  /** `errors.data[]` sent with a `failed` batch. */
  failedErrors?: { code: string; message: string; line?: number }[];
}

/** The stand-in's fake OpenAI Files + Batches API; counts uploads and creates. */
export interface FakeOpenAIBatches {
  files: Map<string, string>;
  /** Input lines by batch id. */
  batchInputs: Map<string, string[]>;
  uploads: () => number;
  creates: () => number;
}

/**
 * Installs `/v1/files` (multipart upload, content download) and `/v1/batches` (create, status
 * transitions) on a stand-in. Output lines come in reverse input order, so a reader that joins on
 * order fails.
 */
export function installFakeOpenAIBatches(
  standin: Standin,
  options: FakeOpenAIBatchOptions,
): FakeOpenAIBatches {
  const files = new Map<string, string>();
  const batchInputs = new Map<string, string[]>();
  const polls = new Map<string, number>();
  const results = new Map<string, Record<string, unknown>>();
  let next = 0;
  const states = options.states ?? ['validating', 'in_progress', 'finalizing', 'completed'];

  standin.setHandler('POST /v1/files', (request) => {
    next += 1;
    const id = `file-in${next}`;
    files.set(id, multipartFile(request));
    return {
      body: {
        id,
        object: 'file',
        bytes: files.get(id)?.length ?? 0,
        created_at: 0,
        filename: 'input.jsonl',
        purpose: 'batch',
      },
    };
  });
  standin.setHandler('GET /v1/files/{id}/content', (request) => {
    const id = request.path.split('/')[3] ?? '';
    const text = files.get(id);
    return text === undefined
      ? { status: 404, body: { error: { message: `No such File object: ${id}`, code: null } } }
      : { body: text };
  });
  standin.setHandler('POST /v1/batches', (request) => {
    const body = request.body as {
      input_file_id: string;
      endpoint: string;
      completion_window: string;
    };
    next += 1;
    const id = `batch_${next}`;
    batchInputs.set(
      id,
      (files.get(body.input_file_id) ?? '').split('\n').filter((line) => line.trim() !== ''),
    );
    polls.set(id, 0);
    return { body: batchObject(id, 'validating', {}) };
  });
  standin.setHandler('GET /v1/batches/{id}', (request) => {
    const id = request.path.split('/')[3] ?? '';
    const poll = Math.min((polls.get(id) ?? 0) + 1, states.length);
    polls.set(id, poll);
    const state = states[poll - 1] ?? 'completed';
    if (state === 'failed')
      return {
        body: batchObject(id, 'failed', {
          errors: { object: 'list', data: options.failedErrors ?? [] },
        }),
      };
    if (state !== 'completed' && state !== 'expired' && state !== 'cancelled')
      return { body: batchObject(id, state, {}) };
    const done = results.get(id) ?? finish(id, batchInputs.get(id) ?? [], options, files);
    results.set(id, done);
    return { body: batchObject(id, state, done) };
  });
  return {
    files,
    batchInputs,
    uploads: () => standin.requestsFor('POST /v1/files').length,
    creates: () => standin.requestsFor('POST /v1/batches').length,
  };
}

function finish(
  id: string,
  lines: string[],
  options: FakeOpenAIBatchOptions,
  files: Map<string, string>,
): Record<string, unknown> {
  const output: string[] = [];
  const errors: string[] = [];
  lines.forEach((line, index) => {
    const input = JSON.parse(line) as { custom_id: string; body: Record<string, unknown> };
    const result = options.answer(input.custom_id, input.body);
    const lineId = `batch_req_${id}_${index}`;
    if (result.kind === 'ok') {
      const body = {
        id: `chatcmpl-${index}`,
        object: 'chat.completion',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: result.content, refusal: null },
            finish_reason: 'stop',
          },
        ],
        usage: result.usage ?? { prompt_tokens: 1000, completion_tokens: 100 },
      };
      output.push(
        JSON.stringify({
          id: lineId,
          custom_id: input.custom_id,
          response: { status_code: 200, request_id: `req_${index}`, body },
          error: null,
        }),
      );
    } else if (result.kind === 'http_error') {
      errors.push(
        JSON.stringify({
          id: lineId,
          custom_id: input.custom_id,
          response: {
            status_code: result.status,
            request_id: `req_${index}`,
            body: {
              error: {
                message: result.message,
                type: 'invalid_request_error',
                param: null,
                code: result.code ?? null,
              },
            },
          },
          error: null,
        }),
      );
    } else if (result.kind === 'garbled') {
      const line = JSON.stringify({
        id: lineId,
        custom_id: input.custom_id,
        response: result.how === 'truncated' ? { status_code: 200, body: { choices: [] } } : 'oops',
        error: null,
      });
      output.push(
        result.how === 'truncated' ? line.slice(0, line.indexOf('"response"') + 20) : line,
      );
    } else if (result.kind === 'line_error') {
      errors.push(
        JSON.stringify({
          id: lineId,
          custom_id: input.custom_id,
          response: null,
          error: { code: result.code, message: result.message },
        }),
      );
    }
  });
  const fields: Record<string, unknown> = { output_file_id: null, error_file_id: null };
  if (output.length > 0) {
    files.set(`file-out-${id}`, `${output.reverse().join('\n')}\n`);
    fields['output_file_id'] = `file-out-${id}`;
  }
  if (errors.length > 0) {
    files.set(`file-err-${id}`, `${errors.reverse().join('\n')}\n`);
    fields['error_file_id'] = `file-err-${id}`;
  }
  return fields;
}

function batchObject(
  id: string,
  status: string,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  return {
    id,
    object: 'batch',
    endpoint: '/v1/chat/completions',
    input_file_id: 'file-in',
    completion_window: '24h',
    status,
    created_at: 0,
    errors: null,
    output_file_id: null,
    error_file_id: null,
    ...extra,
  };
}

/** The `file` part of a multipart/form-data body. */
function multipartFile(request: RecordedRequest): string {
  const type = String(request.headers['content-type'] ?? '');
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
  const mark = `--${boundary?.[1] ?? boundary?.[2] ?? ''}`;
  for (const part of request.rawBody.split(mark)) {
    if (!/name="file"/.test(part)) continue;
    const start = part.indexOf('\r\n\r\n');
    return part.slice(start + 4).replace(/\r\n$/, '');
  }
  throw new Error('stand-in: upload without a file part');
}

export interface FakeGeminiBatchOptions {
  answer: (key: string, request: Record<string, unknown>) => FakeLineResult;
  /** @default BATCH_STATE_PENDING, BATCH_STATE_RUNNING, BATCH_STATE_SUCCEEDED */
  states?: string[];
}

/**
 * Installs Gemini's `models/{model}:batchGenerateContent` and `batches/{id}` (as `@google/genai`
 * calls them) on a stand-in; inlined responses come in reverse order, keyed by `metadata.key`.
 */
export function installFakeGeminiBatches(
  standin: Standin,
  options: FakeGeminiBatchOptions,
): { creates: () => number; inputs: Map<string, unknown[]> } {
  const inputs = new Map<string, unknown[]>();
  const polls = new Map<string, number>();
  const states = options.states ?? [
    'BATCH_STATE_PENDING',
    'BATCH_STATE_RUNNING',
    'BATCH_STATE_SUCCEEDED',
  ];
  let next = 0;
  const operation = (name: string, state: string, output?: unknown): Record<string, unknown> => ({
    name,
    metadata: {
      '@type': 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch',
      model: 'models/gemini-2.5-flash',
      name,
      state,
      ...(output === undefined ? {} : { output }),
    },
  });
  standin.setHandler('POST /v1beta/models/{model}:batchGenerateContent', (request) => {
    next += 1;
    const name = `batches/gb${next}`;
    const body = request.body as { batch: { inputConfig: { requests: { requests: unknown[] } } } };
    inputs.set(name, body.batch.inputConfig.requests.requests);
    polls.set(name, 0);
    return { body: operation(name, 'BATCH_STATE_PENDING') };
  });
  standin.setHandler('GET /v1beta/batches/{id}', (request) => {
    const name = request.path.replace('/v1beta/', '');
    const poll = Math.min((polls.get(name) ?? 0) + 1, states.length);
    polls.set(name, poll);
    const state = states[poll - 1] ?? 'BATCH_STATE_SUCCEEDED';
    if (state !== 'BATCH_STATE_SUCCEEDED' && state !== 'BATCH_STATE_EXPIRED')
      return { body: operation(name, state) };
    const responses: unknown[] = [];
    for (const item of inputs.get(name) ?? []) {
      const { request: inner, metadata } = item as {
        request: Record<string, unknown>;
        metadata: { key: string };
      };
      const result = options.answer(metadata.key, inner);
      if (result.kind === 'ok') {
        responses.push({
          response: {
            candidates: [
              {
                content: { role: 'model', parts: [{ text: result.content }] },
                finishReason: 'STOP',
              },
            ],
            usageMetadata: {
              promptTokenCount: 1000,
              candidatesTokenCount: 100,
              totalTokenCount: 1100,
            },
          },
          metadata,
        });
      } else if (result.kind === 'garbled') {
        responses.push({ response: 'oops', error: 5, metadata });
      } else if (result.kind !== 'missing') {
        responses.push({
          error: {
            code: result.kind === 'http_error' ? result.status : 13,
            message: result.message,
            status: 'INTERNAL',
          },
          metadata,
        });
      }
    }
    return {
      body: operation(name, state, { inlinedResponses: { inlinedResponses: responses.reverse() } }),
    };
  });
  return {
    creates: () => standin.requestsFor('POST /v1beta/models/{model}:batchGenerateContent').length,
    inputs,
  };
}
