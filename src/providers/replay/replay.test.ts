import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestKey } from '../shared/request-key.js';
import { InputError } from '../../errors.js';
import { fakePng } from '../../testing/fixtures.js';
import type { GenerateRequest, GenerateResponse } from '../types.js';
import { createReplayProvider, replayLine } from './index.js';

const recorded: GenerateResponse = {
  text: '{"anomalous":false,"anomalies":[],"summary":"ok"}',
  finishReason: 'stop',
  rawFinishReason: 'stop',
  usage: { inputTokens: 10, outputTokens: 5 },
  latencyMs: 812.5,
  warnings: [],
  raw: { request: { model: 'gpt-4o' }, response: { id: 'x' } },
};
const request: GenerateRequest = {
  model: 'gpt-4o',
  messages: [{ role: 'user', text: 'Where?', images: [fakePng(30)] }],
  temperature: 0,
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anomscope-replay-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('replay provider', () => {
  it('answers a recorded request, also when the request carries the replay file as its model', async () => {
    const file = join(dir, 'run.jsonl');
    await writeFile(file, replayLine('openai:gpt-4o', request, recorded));
    const provider = createReplayProvider({ model: file });
    expect(provider.id).toBe(`replay:${file}`);
    expect(await provider.generate(request, {})).toEqual(recorded);
    expect(await provider.generate({ ...request, model: file }, {})).toEqual(recorded);
  });

  it('names the key and the file when a request was not recorded', async () => {
    const file = join(dir, 'one.jsonl');
    await writeFile(file, replayLine('openai:gpt-4o', request, recorded));
    const other = { ...request, temperature: 1 };
    const error = await createReplayProvider({ model: file })
      .generate(other, {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: 'input.replay_missing', file });
    expect((error as Error).message).toContain(requestKey('openai:gpt-4o', other));
    expect((error as Error).message).toContain(file);
  });

  it.each([
    ['not JSON', '{"key": ', 'input.replay_line', 2],
    ['a line without response', JSON.stringify({ key: 'abc' }), 'input.replay_line', 2],
  ])('rejects %s with file and line', async (_name, badLine, code, line) => {
    const file = join(dir, `bad-${line}-${badLine.length}.jsonl`);
    await writeFile(file, `${replayLine('openai:gpt-4o', request, recorded)}${badLine}\n`);
    const error = await createReplayProvider({ model: file })
      .generate(request, {})
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code, file, line });
  });

  it('says when the file cannot be read', async () => {
    const file = join(dir, 'missing.jsonl');
    await expect(createReplayProvider({ model: file }).generate(request, {})).rejects.toMatchObject(
      { code: 'input.replay_unreadable', file },
    );
  });

  it('does not answer an aborted call', async () => {
    const file = join(dir, 'run.jsonl');
    await writeFile(file, replayLine('openai:gpt-4o', request, recorded));
    await expect(
      createReplayProvider({ model: file }).generate(request, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'provider.aborted', retryable: false });
  });
});
