import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import {
  anomllmTypes,
  generateAnomllm,
  generateVta,
  vtaMultivariateTypes,
  vtaUnivariateTypes,
  writeDatasetSplit,
  type AnomllmType,
  type VtaType,
} from '../datasets/index.js';
import { InputError } from '../errors.js';
import { createRenderer } from '../render/index.js';
import type { DatasetSplit } from '../schema/dataset.js';
import { seriesFromJson } from '../series/index.js';
import { choiceFlag, numberFlag } from './options.js';

interface GenerateFlags {
  suite: 'vta' | 'anomllm';
  types?: string;
  kind: 'univariate' | 'multivariate' | 'irregular-univariate' | 'irregular-multivariate';
  dims: number;
  dropRatio: number;
  count: number;
  seed: number;
  split: 'train' | 'eval';
  out: string;
  png: boolean;
  vtaSeasonalQuirk: boolean;
}

/** `anomscope generate`: seeded synthetic datasets as split files plus their rendered PNGs. */
export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description(
      'generate a VisualTimeAnomaly- or AnomLLM-style dataset: <out>/<dataset>/<type>/<split>.json plus PNGs',
    )
    .requiredOption('--out <dir>', 'output folder')
    .option(
      '--suite <suite>',
      'vta | anomllm',
      choiceFlag('suite', ['vta', 'anomllm'] as const),
      'vta',
    )
    .option(
      '--types <list>',
      'comma-separated anomaly types (default: every type of the suite and kind)',
    )
    .option(
      '--kind <kind>',
      'vta only: univariate | multivariate | irregular-univariate | irregular-multivariate',
      choiceFlag('kind', [
        'univariate',
        'multivariate',
        'irregular-univariate',
        'irregular-multivariate',
      ] as const),
      'univariate',
    )
    .option(
      '--dims <n>',
      'vta multivariate: channels per series',
      numberFlag('dims', { integer: true, min: 4 }),
      9,
    )
    .option(
      '--drop-ratio <r>',
      'vta irregular: share of points dropped',
      numberFlag('drop-ratio', { min: 0, max: 0.9 }),
      0.1,
    )
    .option('--count <n>', 'series per type', numberFlag('count', { integer: true, min: 1 }), 100)
    .option('--seed <n>', 'random seed', numberFlag('seed', { integer: true, min: 0 }), 0)
    .option(
      '--split <split>',
      'train | eval',
      choiceFlag('split', ['train', 'eval'] as const),
      'eval',
    )
    .option('--no-png', 'skip rendering the PNGs')
    .option(
      '--vta-seasonal-quirk',
      'reproduce the published seasonal generator bug (frequency compounds across series)',
      false,
    )
    .action(async (flags: GenerateFlags) => {
      const known: readonly string[] =
        flags.suite === 'anomllm'
          ? anomllmTypes
          : flags.kind.endsWith('multivariate')
            ? vtaMultivariateTypes
            : vtaUnivariateTypes;
      const types =
        flags.types === undefined ? [...known] : flags.types.split(',').map((type) => type.trim());
      for (const type of types) {
        if (!known.includes(type))
          throw new InputError(
            'cli.bad_flag',
            `--types: "${type}" is not a ${flags.suite} ${flags.suite === 'vta' ? `${flags.kind} ` : ''}type; use ${known.join(', ')}`,
            { field: 'types' },
          );
      }
      const renderer = createRenderer();
      for (const type of types) {
        const split: DatasetSplit =
          flags.suite === 'anomllm'
            ? generateAnomllm({
                type: type as AnomllmType,
                count: flags.count,
                seed: flags.seed,
                split: flags.split,
              })
            : generateVta({
                kind: flags.kind,
                type: type as VtaType,
                count: flags.count,
                seed: flags.seed,
                split: flags.split,
                dims: flags.dims,
                dropRatio: flags.dropRatio,
                vtaSeasonalQuirk: flags.vtaSeasonalQuirk,
              });
        const path = await writeDatasetSplit(flags.out, split);
        let images = 0;
        if (flags.png) {
          const figDir = join(dirname(path), `${split.split}-fig`);
          await mkdir(figDir, { recursive: true });
          for (const item of split.items) {
            const series = seriesFromJson(item.series, { file: path });
            const multivariate = series.channels.length > 1;
            const png = await renderer.png(
              series,
              multivariate
                ? { preset: 'grid', vta: true }
                : { preset: flags.kind.startsWith('irregular') ? 'irregular' : 'line' },
            );
            await writeFile(join(figDir, `${safeName(series.id)}.png`), png);
            images += 1;
          }
        }
        process.stdout.write(
          `${type}: ${split.items.length} series → ${path}${images > 0 ? ` (+${images} PNGs)` : ''}\n`,
        );
      }
    });
}

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_');
}
