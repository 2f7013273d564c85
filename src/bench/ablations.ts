import { z } from 'zod';

/** Chart presets a track may use. */
export const presetSchema = z.enum(['line', 'grid', 'irregular']);

/** Chart size in pixels. */
export const sizeSchema = z.object({
  widthPx: z.number().int().min(64).max(4096),
  heightPx: z.number().int().min(64).max(4096),
});

/** How the text modality writes the series (see `serializeSeries`). */
export const textSerialisationSchema = z.object({
  format: z.enum(['plain', 'csv', 'digits', 'prefix', 'multivariate']).optional(),
  decimals: z.number().int().min(0).max(12).optional(),
});

/**
 * Render ablations of a track: each list is one axis of the suite matrix, and the track runs once
 * per combination, as its own track named `<name>.<preset>.<W>x<H>.<format>-d<decimals>` (only the
 * axes given). The first value of every axis is the reference setting.
 */
export const ablationsSchema = z.object({
  presets: z.array(presetSchema).min(1).optional(),
  sizes: z.array(sizeSchema).min(1).optional(),
  texts: z.array(textSerialisationSchema).min(1).optional(),
});

/** What an expanded track records of where it came from. */
export const ablationOriginSchema = z.object({
  /** The track name in the suite file. */
  of: z.string(),
  /** The combination, e.g. `grid 512x256 csv-d2`. */
  variant: z.string(),
  /** True for the first value of every axis: the one the `overall` row averages. */
  reference: z.boolean(),
});

/** The fields of a track that ablations read and set. */
export interface AblatableTrack {
  name: string;
  preset?: z.infer<typeof presetSchema> | undefined;
  size?: z.infer<typeof sizeSchema> | undefined;
  text?: z.infer<typeof textSerialisationSchema> | undefined;
  ablations?: z.infer<typeof ablationsSchema> | undefined;
  ablation?: z.infer<typeof ablationOriginSchema> | undefined;
}

type Setting =
  | { axis: 'preset'; value: z.infer<typeof presetSchema> }
  | { axis: 'size'; value: z.infer<typeof sizeSchema> }
  | { axis: 'text'; value: z.infer<typeof textSerialisationSchema> };

function label(setting: Setting): string {
  switch (setting.axis) {
    case 'preset':
      return setting.value;
    case 'size':
      return `${setting.value.widthPx}x${setting.value.heightPx}`;
    case 'text': {
      const { format, decimals } = setting.value;
      const text = [format, decimals === undefined ? undefined : `d${decimals}`]
        .filter((part) => part !== undefined)
        .join('-');
      return text === '' ? 'text' : text;
    }
  }
}

/**
 * Expands every track with `ablations` into one track per combination of its axes (a track without
 * them is returned as it is), so runs, caches, datasets and leaderboard rows treat each variant as
 * a track of its own.
 */
export function expandAblations<T extends AblatableTrack>(tracks: readonly T[]): T[] {
  return tracks.flatMap((track) => {
    const { ablations, ...rest } = track;
    if (ablations === undefined) return [track];
    const axes: Setting[][] = [
      (ablations.presets ?? []).map((value): Setting => ({ axis: 'preset', value })),
      (ablations.sizes ?? []).map((value): Setting => ({ axis: 'size', value })),
      (ablations.texts ?? []).map((value): Setting => ({ axis: 'text', value })),
    ].filter((axis) => axis.length > 0);
    if (axes.length === 0) return [rest as T];
    let combinations: { settings: Setting[]; reference: boolean }[] = [
      { settings: [], reference: true },
    ];
    for (const axis of axes) {
      combinations = combinations.flatMap((combination) =>
        axis.map((setting, index) => ({
          settings: [...combination.settings, setting],
          reference: combination.reference && index === 0,
        })),
      );
    }
    return combinations.map(({ settings, reference }) => {
      const labels = settings.map(label);
      const expanded: AblatableTrack = {
        ...rest,
        name: [track.name, ...labels].join('.'),
        ablation: { of: track.name, variant: labels.join(' '), reference },
      };
      for (const setting of settings) {
        if (setting.axis === 'preset') expanded.preset = setting.value;
        else if (setting.axis === 'size') expanded.size = setting.value;
        else expanded.text = setting.value;
      }
      return expanded as T;
    });
  });
}
