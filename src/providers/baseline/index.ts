import { performance } from 'node:perf_hooks';
import { InputError, ProviderError } from '../../errors.js';
import { seriesLength } from '../../series/types.js';
import type { GenerateRequest, GenerateResponse, Provider, ProviderOptions } from '../types.js';
import { formatAnswerText } from '../../schema/answer-text.js';
import { resultToAnswer } from './answer.js';
import { detectAnomalies } from './detector.js';
import type { BaselineOptions } from './options.js';
import { createBaselinePool, type BaselinePool } from './pool.js';

export { detectAnomalies, analyseChannel, type BaselineResult } from './detector.js';
export type { BaselineAnomaly, FindingKind } from './describe.js';
export { defaultBaselineOptions, resolveBaselineOptions, type BaselineOptions } from './options.js';
export { resultToAnswer } from './answer.js';

/**
 * Options of {@link createBaselineProvider}: the common provider options plus detector settings.
 */
export interface BaselineProviderOptions extends ProviderOptions {
  /** Overrides of the detector defaults (`defaultBaselineOptions`). @default {} */
  detector?: Partial<BaselineOptions>;
  /**
   * Worker threads for the detector (same answers); 0 or 1 = in-process. @default
   * ANOMSCOPE_BASELINE_WORKERS, else the machine's cores (at most 8)
   */
  workers?: number;
}

function workersFromEnv(): number | undefined {
  const value = process.env['ANOMSCOPE_BASELINE_WORKERS'];
  return value === undefined || value === '' ? undefined : Number(value);
}

/**
 * The in-process statistical baseline as a provider: no network, deterministic, answers with the
 * same `Answer` JSON as the models, computed from `request.local` (the series and the task).
 * Id `baseline` for the default model, `baseline:<model>` otherwise.
 * @example await createBaselineProvider({ model: 'default' }).generate({ model: 'default',
 * messages: [], local }, {})
 */
export function createBaselineProvider(
  options: ProviderOptions | BaselineProviderOptions,
): Provider {
  const model = options.model === '' ? 'default' : options.model;
  const detectorOptions =
    'detector' in options && options.detector !== undefined ? options.detector : {};
  const id = model === 'default' ? 'baseline' : `baseline:${model}`;
  const workers = 'workers' in options ? options.workers : workersFromEnv();
  let pool: BaselinePool | null | undefined;
  return {
    id,
    name: 'baseline',
    model,
    capabilities: { images: false, jsonSchema: true, local: true },
    generate(
      request: GenerateRequest,
      callOptions: { signal?: AbortSignal },
    ): Promise<GenerateResponse> {
      try {
        if (callOptions.signal?.aborted === true) {
          throw new ProviderError(
            'provider.aborted',
            `${id}: the request was aborted before it started.`,
            { provider: 'baseline', retryable: false },
            { cause: callOptions.signal.reason },
          );
        }
        const local = request.local;
        if (local === undefined) {
          throw new InputError(
            'input.baseline_needs_series',
            `${id} runs in-process and needs the series itself: pass request.local = { series, task, convention } (the detect pipeline does this for local providers).`,
            { field: 'local' },
          );
        }
        const started = performance.now();
        // Worker threads when there are cores to spare: the same deterministic answers, sooner.
        pool ??= createBaselinePool(workers === undefined ? {} : { workers }) ?? null;
        const found =
          pool === null
            ? Promise.resolve(detectAnomalies(local.series, detectorOptions))
            : pool.detect(local.series, detectorOptions);
        return found.then((result) => {
          const answer = resultToAnswer(result, local);
          const latencyMs = Math.round((performance.now() - started) * 1000) / 1000;
          return {
            // Answer in the format the prompt asked for, so legacy prompts (VTA, AnomLLM, Time-RA)
            // work offline too.
            text: formatAnswerText(answer, local.answer ?? 'structured'),
            finishReason: 'stop',
            usage: { inputTokens: 0, outputTokens: 0 },
            latencyMs,
            warnings: [],
            raw: {
              request: {
                provider: id,
                seriesId: local.series.id,
                channels: local.series.values.length,
                length: seriesLength(local.series),
                task: local.task,
                convention: local.convention,
                candidates: local.candidates?.length ?? 0,
                detector: detectorOptions,
              },
              response: answer,
            },
          };
        });
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}
