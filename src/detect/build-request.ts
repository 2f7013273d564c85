import { InputError } from '../errors.js';
import {
  candidatesBlock,
  contextBlock,
  fillPrompt,
  seriesBlock,
  taxonomyText,
  type PromptCandidate,
  type PromptTemplate,
} from '../prompt/index.js';
import type {
  GenerateRequest,
  LocalRequestData,
  Message,
  Provider,
  Task,
} from '../providers/types.js';
import {
  rescaleSeries,
  serializeText,
  type BasePreset,
  type Renderer,
  type RenderOptions,
  type TextFormat,
} from '../render/index.js';
import { answerJsonSchema } from '../schema/answer.js';
import type { Interval } from '../schema/interval.js';
import { seriesLength, type Series } from '../series/types.js';
import { assertSeriesReachesModel, type Modality } from '../prompt/series-slot.js';

export type { Modality } from '../prompt/series-slot.js';

/** How the series is shown to the model. */
export interface PresentationOptions {
  /** @default 'image' */
  modality?: Modality;
  /** Chart for the image modality. @default 'line' for one channel, 'grid' for several */
  preset?: BasePreset;
  /** Size, axis and VTA look of the chart. */
  render?: Pick<RenderOptions, 'widthPx' | 'heightPx' | 'axis' | 'vta'>;
  /**
   * Text modality serialisation. @default { format: 'plain' (one channel) or 'multivariate',
   * decimals: 3 }
   */
  text?: {
    format?: TextFormat;
    decimals?: number;
    /** Linear rescale to this many points first (AnomLLM s0.3 style). */ targetLength?: number;
  };
  /** Sampling settings; template temperature/stop apply when these leave them unset. */
  sampling?: { temperature?: number; topP?: number; seed?: number; maxOutputTokens?: number };
  /** Propose-then-verify hint candidates (half-open index intervals), drawn and listed. */
  candidates?: readonly { interval: Interval; channels?: readonly number[]; score?: number }[];
}

/** A built request plus what is needed to read its answer back into index space. */
export interface BuiltRequest {
  request: GenerateRequest;
  /** Coordinates of the answer are on this axis. */
  coordinates: { scale?: number; timestamps?: readonly number[] };
  modality: Modality;
  preset: BasePreset | 'overlay' | null;
}

/**
 * A request whose cache key is known before any picture is drawn: `request` names its images by
 * identity (`imageIds`) and carries no bytes; `materialize` draws them (once per identity in the
 * renderer's cache) and returns the request to send.
 */
export interface PlannedRequest extends BuiltRequest {
  materialize(): Promise<GenerateRequest>;
}

/**
 * series + template + presentation → provider request. Pure but for rendering, which is
 * deterministic: the same inputs give the same request bytes, hence the same cache key.
 */
export async function buildRequest(
  series: Series,
  template: PromptTemplate,
  provider: Provider,
  options: PresentationOptions & { renderer: Renderer; task: Task },
): Promise<BuiltRequest> {
  const planned = planRequest(series, template, provider, options);
  const { materialize, ...built } = planned;
  return { ...built, request: await materialize() };
}

/**
 * `buildRequest` without drawing: the request keyed by image identity, pictures drawn on demand.
 */
export function planRequest(
  series: Series,
  template: PromptTemplate,
  provider: Provider,
  options: PresentationOptions & { renderer: Renderer; task: Task },
): PlannedRequest {
  const modality = options.modality ?? 'image';
  // The offline baseline reads the numbers, whatever the prompt says.
  if (!provider.capabilities.local) assertSeriesReachesModel(template, modality);
  const multivariate = series.channels.length > 1;
  const wantsImage = modality !== 'text';
  const wantsText = modality !== 'image';
  if (wantsImage && !provider.capabilities.images && !provider.capabilities.local) {
    throw new InputError(
      'detect.images_unsupported',
      `${provider.id} cannot read images, and modality "${modality}" needs them; use --modality text`,
      { field: 'modality' },
    );
  }

  const coordinates: BuiltRequest['coordinates'] = {};
  let text: string | undefined;
  if (wantsText) {
    const targetLength = options.text?.targetLength;
    let shown = series;
    if (targetLength !== undefined && targetLength !== seriesLength(series)) {
      const rescaled = rescaleSeries(series, targetLength);
      shown = rescaled.series;
      coordinates.scale = rescaled.scale;
    }
    const format = options.text?.format ?? (multivariate ? 'multivariate' : 'plain');
    text = serializeText(shown, { format, decimals: options.text?.decimals ?? 3 }).text;
  }

  const basePreset: BasePreset = options.preset ?? (multivariate ? 'grid' : 'line');
  const candidates = options.candidates;
  let renderOptions: RenderOptions | undefined;
  let preset: BuiltRequest['preset'] = null;
  // In-process providers answer from `request.local`; drawing pixels for them is wasted work.
  if (wantsImage && !provider.capabilities.local) {
    renderOptions = {
      ...options.render,
      preset: candidates === undefined ? basePreset : 'overlay',
      base: basePreset,
      ...(candidates === undefined
        ? {}
        : { intervals: { candidates: candidates.map((candidate) => candidate.interval) } }),
    };
    preset = renderOptions.preset;
    if (options.render?.axis === 'time' && series.timestamps !== undefined)
      coordinates.timestamps = series.timestamps;
  } else if (wantsImage) {
    preset = candidates === undefined ? basePreset : 'overlay';
  }
  const imageIds =
    renderOptions === undefined ? [] : [options.renderer.imageId(series, renderOptions)];

  const variables = promptVariables(series, template, { text, image: wantsImage, candidates });
  const userText = fillPrompt(template, variables);
  const sampling = options.sampling ?? {};
  const temperature = sampling.temperature ?? template.temperature;
  const local: LocalRequestData = {
    series,
    task: options.task,
    convention: template.convention,
    answer: template.answer,
    ...(candidates === undefined
      ? {}
      : {
          candidates: candidates.map((c) => ({
            start: c.interval[0],
            end: c.interval[1],
            channels: c.channels === undefined ? null : [...c.channels],
          })),
        }),
  };
  const request: GenerateRequest = {
    model: provider.model,
    messages: [{ role: 'user', text: userText, ...(imageIds.length > 0 ? { imageIds } : {}) }],
    ...(template.answer === 'structured'
      ? { responseSchema: { name: 'anomaly_answer', schema: answerJsonSchema() } }
      : {}),
    ...(temperature === undefined ? {} : { temperature }),
    ...(sampling.topP === undefined ? {} : { topP: sampling.topP }),
    ...(sampling.seed === undefined ? {} : { seed: sampling.seed }),
    ...(sampling.maxOutputTokens === undefined
      ? {}
      : { maxOutputTokens: sampling.maxOutputTokens }),
    ...(template.stop === undefined ? {} : { stop: template.stop }),
    ...(provider.capabilities.local ? { local } : {}),
  };
  const shown = renderOptions;
  const materialize = async (): Promise<GenerateRequest> => {
    if (shown === undefined) return request;
    const images = [await options.renderer.png(series, shown)];
    const [first, ...rest] = request.messages;
    return { ...request, messages: [{ ...(first as Message), images }, ...rest] };
  };
  return { request, coordinates, modality, preset, materialize };
}

/** Every variable a shipped template may declare; only the declared ones are filled. */
function promptVariables(
  series: Series,
  template: PromptTemplate,
  shown: {
    text: string | undefined;
    image: boolean;
    candidates: PresentationOptions['candidates'];
  },
): Record<string, string> {
  const kind = series.channels.length > 1 ? 'multivariate' : 'univariate';
  const candidates: PromptCandidate[] | undefined = shown.candidates?.map((candidate) => ({
    interval: candidate.interval,
    ...(candidate.channels === undefined ? {} : { channels: candidate.channels }),
    ...(candidate.score === undefined ? {} : { score: candidate.score }),
  }));
  const available: Record<string, () => string> = {
    series_data: () =>
      seriesBlock({
        image: shown.image,
        ...(shown.text === undefined ? {} : { text: shown.text }),
      }),
    series_text: () => shown.text ?? '',
    observation: () =>
      shown.text ??
      serializeText(series, { format: kind === 'multivariate' ? 'multivariate' : 'plain' }).text,
    context: () => contextBlock(series.context),
    taxonomy: () => taxonomyText(kind),
    candidates: () => candidatesBlock(candidates, { convention: template.convention }),
    length: () => String(seriesLength(series)),
    last_index: () => String(seriesLength(series) - 1),
    panels: () => String(series.channels.length),
    channels: () => String(series.channels.length),
    channel_names: () => series.channels.join(', '),
    source: () => series.context?.domain ?? 'unknown',
  };
  const variables: Record<string, string> = {};
  for (const name of template.variables) {
    const make = available[name];
    if (make === undefined) {
      throw new InputError(
        'prompt.unknown_variable',
        `${template.file}: variable "${name}" is not one the pipeline can fill (${Object.keys(available).join(', ')})`,
        {
          file: template.file,
          field: name,
        },
      );
    }
    variables[name] = make();
  }
  return variables;
}
