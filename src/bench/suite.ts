import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { InputError } from '../errors.js';
import {
  ablationOriginSchema,
  ablationsSchema,
  expandAblations,
  presetSchema,
  sizeSchema,
  textSerialisationSchema,
} from './ablations.js';

/** Where a track's series come from. Generators are seeded, so a suite is reproducible. */
export const datasetSpecSchema = z.discriminatedUnion('generator', [
  z.object({
    generator: z.literal('vta'),
    kind: z.enum(['univariate', 'multivariate', 'irregular-univariate', 'irregular-multivariate']),
    type: z.string(),
    count: z.number().int().positive(),
    seed: z.number().int().min(0),
    dims: z.number().int().positive().optional(),
    dropRatio: z.number().min(0).max(0.9).optional(),
    vtaSeasonalQuirk: z.boolean().optional(),
  }),
  z.object({
    generator: z.literal('anomllm'),
    type: z.string(),
    count: z.number().int().positive(),
    seed: z.number().int().min(0),
  }),
  z.object({
    generator: z.literal('rats40k'),
    /** Path to a RATs40K JSON file; relative paths resolve against the suite file. */
    path: z.string(),
    split: z.enum(['TSAD_train', 'TSAD_test', 'all']).default('TSAD_test'),
    limit: z.number().int().positive().optional(),
  }),
  z.object({
    generator: z.literal('files'),
    /**
     * A series file or folder (read recursively); relative paths resolve against the suite file.
     */
    path: z.string(),
    /**
     * Label file (anomscope labels or NAB windows); relative paths resolve against the suite file.
     */
    labels: z.string().optional(),
    /** A 0/1 column of the CSVs holding the labels (taken out of the channels). */
    labelColumn: z.string().optional(),
    /** Only the series under this sub-folder of `path` (one track per folder). */
    include: z.string().optional(),
    /** A label for no series, or a series without one, is an error. @default false */
    strict: z.boolean().default(false),
    /** Loading options, as `loadSeries` takes them. @default sort, mean */
    onUnsorted: z.enum(['sort', 'error']).optional(),
    onDuplicateTime: z.enum(['error', 'first', 'last', 'mean']).optional(),
    /** Only these columns are channels. @default all but label-like 0/1 columns */
    columns: z.array(z.string()).optional(),
    /** Columns never read as channels. */
    ignoreColumns: z.array(z.string()).optional(),
  }),
]);
export type DatasetSpec = z.infer<typeof datasetSpecSchema>;

/** Scoring conventions by published benchmark; see `src/grade/` for what each one means. */
export const scoringNameSchema = z.enum(['vta', 'anomllm', 'timeRa']);

/** One row of the matrix before models: which data, asked how, scored how. */
export const trackSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lowercase letters, digits, ".", "_" and "-"'),
  dataset: datasetSpecSchema,
  /** What a reader of the results should know about the track (kept with the run, not sent). */
  note: z.string().optional(),
  task: z.enum(['point', 'range', 'variate', 'diagnose']),
  /** Prompt ids from `prompts/`; every one is run. */
  prompts: z.array(z.string()).min(1),
  modalities: z
    .array(z.enum(['image', 'text', 'both']))
    .min(1)
    .default(['image']),
  /** Render preset for the image modality. @default line for univariate, grid for multivariate */
  preset: presetSchema.optional(),
  /** Chart size for the image modality. @default the preset's */
  size: sizeSchema.optional(),
  /** Text modality serialisation. @default plain (multivariate for several channels), 3 decimals */
  text: textSerialisationSchema.optional(),
  /**
   * Render ablations: lists of presets, sizes and text serialisations; the track runs once per
   * combination, each a track of its own (see `expandAblations`).
   */
  ablations: ablationsSchema.optional(),
  /** Set on the tracks `ablations` expands into: the original track and the variant. */
  ablation: ablationOriginSchema.optional(),
  /** Grid in VisualTimeAnomaly's look (1000×1000, no ticks or panel numbers). @default false */
  vtaLook: z.boolean().default(false),
  scoring: scoringNameSchema,
  /** Propose-then-verify: draw and list the baseline's candidates. @default none */
  hints: z.enum(['none', 'baseline']).default('none'),
  /**
   * A trial subset (`bench --limit/--sample`): first `limit` series, or a seeded `sample` of them.
   */
  subset: z
    .object({
      limit: z.number().int().positive().optional(),
      sample: z.number().int().positive().optional(),
      seed: z.number().int().min(0).optional(),
    })
    .optional(),
  /**
   * Long series are sent as rolling windows of this many points (SigLLM-style). @default whole
   * series
   */
  window: z.number().int().min(2).optional(),
  /** Points between window starts. @default half the window */
  stride: z.number().int().min(1).optional(),
});
export type Track = z.infer<typeof trackSchema>;

export const suiteSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
  description: z.string(),
  /** Provider specs (`provider:model`) run when the CLI names none. @default ['baseline'] */
  models: z.array(z.string()).min(1).default(['baseline']),
  /** Sampling settings sent with every request. */
  sampling: z
    .object({
      temperature: z.number().min(0).max(2).optional(),
      seed: z.number().int().optional(),
      maxOutputTokens: z.number().int().positive().optional(),
    })
    .default({}),
  tracks: z
    .array(trackSchema)
    .min(1)
    .transform((tracks, context) => {
      const seen = new Set<string>();
      return tracks.flatMap((track, index) =>
        expandAblations([track]).map((expanded) => {
          if (seen.has(expanded.name))
            context.addIssue({
              code: 'custom',
              input: track,
              path: [index, 'name'],
              message: `track name "${expanded.name}" is used twice (ablation variants are named <track>.<setting>); rename one`,
            });
          seen.add(expanded.name);
          return expanded;
        }),
      );
    }),
});
export type Suite = z.infer<typeof suiteSchema>;

/** Where the shipped suites live (works from `src/` under vitest and from `dist/src/`). */
export function shippedSuitesDir(): string {
  // From dist/src/bench/ three levels up is the package root; from src/bench/ it is two.
  return fileURLToPath(
    new URL(
      import.meta.url.includes('/dist/') ? '../../../eval/suites/' : '../../eval/suites/',
      import.meta.url,
    ),
  );
}

/**
 * A user's dataset may be written `{"kind": "files", ...}` (the wording people reach for); it is
 * the `files` generator. Only that shape is rewritten: other datasets' `kind` keeps its meaning.
 */
function filesKindAsGenerator(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || !('tracks' in json)) return json;
  const tracks = (json as { tracks: unknown }).tracks;
  if (!Array.isArray(tracks)) return json;
  return {
    ...json,
    tracks: tracks.map((track: unknown) => {
      if (typeof track !== 'object' || track === null || !('dataset' in track)) return track;
      const dataset = (track as { dataset: unknown }).dataset;
      if (typeof dataset !== 'object' || dataset === null || 'generator' in dataset) return track;
      const { kind, ...rest } = dataset as { kind?: unknown };
      return kind === 'files' ? { ...track, dataset: { generator: 'files', ...rest } } : track;
    }),
  };
}

/**
 * Loads a suite by shipped id (`quick`) or by path to a JSON file, validating it. Errors name
 * the file and the JSON path of the bad field.
 */
export async function loadSuite(idOrPath: string): Promise<{ suite: Suite; file: string }> {
  const file = idOrPath.endsWith('.json')
    ? resolve(idOrPath)
    : join(shippedSuitesDir(), `${idOrPath}.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(
      'suite.not_found',
      `suite "${idOrPath}" not found at ${file}; pass a shipped id (quick, vta, anomllm, rats40k) or a path to a .json suite file`,
      { file },
      { cause: error },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      'suite.invalid_json',
      `${file} is not valid JSON: ${(error as Error).message}`,
      { file },
      { cause: error },
    );
  }
  const parsed = suiteSchema.safeParse(filesKindAsGenerator(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue === undefined ? '' : issue.path.join('.');
    throw new InputError(
      'suite.invalid',
      `${file}: field "${path}": ${issue?.message ?? 'invalid'}; fix the suite file`,
      { file, field: path },
    );
  }
  for (const track of parsed.data.tracks) {
    if (track.dataset.generator === 'rats40k' || track.dataset.generator === 'files')
      track.dataset.path = resolve(dirname(file), track.dataset.path);
    if (track.dataset.generator === 'files' && track.dataset.labels !== undefined)
      track.dataset.labels = resolve(dirname(file), track.dataset.labels);
  }
  return { suite: parsed.data, file };
}
