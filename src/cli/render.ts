import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { InputError } from '../errors.js';
import {
  createRenderer,
  serializeText,
  type RenderPreset,
  type TextFormat,
} from '../render/index.js';
import { addLoadFlags, loadForCommand, throwIfFilesFailed, type LoadFlags } from './load-flags.js';
import { choiceFlag, numberFlag } from './options.js';

const presets = ['line', 'grid', 'irregular', 'overlay'] as const satisfies readonly RenderPreset[];
const textFormats = [
  'plain',
  'csv',
  'digits',
  'prefix',
  'multivariate',
] as const satisfies readonly TextFormat[];

/** Flags of `anomscope render`. */
export interface RenderFlags extends LoadFlags {
  preset: RenderPreset;
  width?: number;
  height?: number;
  out: string;
  text?: TextFormat;
  /** @default time for a series with timestamps, else index */
  axis?: 'index' | 'time';
  vta: boolean;
}

/** A series id as a safe file name (anything but letters, digits, `.`, `_`, `-` becomes `_`). */
export function fileNameForId(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return safe === '' ? 'series' : safe;
}

/**
 * Renders every series of a file or folder that loads; returns the files written. A bad file in a
 * folder is reported on stderr and skipped; `failures` (when given) collects their errors.
 */
export async function runRender(
  file: string,
  flags: RenderFlags,
  failures: InputError[] = [],
): Promise<string[]> {
  const loaded = await loadForCommand(file, flags);
  failures.push(...loaded.failures);
  const seriesList = loaded.series;
  const outDir = resolve(flags.out);
  await mkdir(outDir, { recursive: true });
  const renderer = createRenderer();
  const written: string[] = [];
  await Promise.all(
    seriesList.map(async (series) => {
      const base = join(outDir, fileNameForId(series.id));
      const png = await renderer.png(series, {
        preset: flags.preset,
        widthPx: flags.width,
        heightPx: flags.height,
        axis: flags.axis ?? (series.timestamps === undefined ? 'index' : 'time'),
        vta: flags.vta,
      });
      await writeFile(`${base}.png`, png);
      written.push(`${base}.png`);
      if (flags.text !== undefined) {
        const { text } = serializeText(series, { format: flags.text });
        await writeFile(`${base}.txt`, `${text}\n`);
        written.push(`${base}.txt`);
      }
    }),
  );
  return written.sort();
}

/** `anomscope render <file>`: draw series as PNG (and optionally text) files. */
export function registerRenderCommand(program: Command): void {
  const command = program
    .command('render')
    .description('render a series file (CSV, JSON, NDJSON or a folder of them) to PNG images')
    .argument('<file>', 'series file or folder')
    .option(
      '--preset <preset>',
      `chart preset: ${presets.join(', ')}`,
      choiceFlag('preset', presets),
      'line',
    )
    .option(
      '--width <px>',
      'image width in pixels (default: 1000)',
      numberFlag('width', { integer: true, min: 16, max: 8192 }),
    )
    .option(
      '--height <px>',
      'image height in pixels (default: 150 for line, depends on the grid)',
      numberFlag('height', { integer: true, min: 16, max: 8192 }),
    )
    .option('--out <dir>', 'folder for <id>.png (and <id>.txt)', 'out')
    .option(
      '--text <format>',
      `also write the text form: ${textFormats.join(', ')}`,
      choiceFlag('text', textFormats),
    )
    .option(
      '--axis <axis>',
      'x axis: time or index (default: time for series with timestamps, else index)',
      choiceFlag('axis', ['index', 'time'] as const),
    )
    .option(
      '--vta',
      'grid preset: VisualTimeAnomaly look (1000 px high, no ticks, no numbers)',
      false,
    );
  addLoadFlags(command).action(async (file: string, flags: RenderFlags) => {
    const failures: InputError[] = [];
    const written = await runRender(file, flags, failures);
    process.stdout.write(`${written.length} file(s) written to ${resolve(flags.out)}\n`);
    for (const path of written) process.stdout.write(`  ${path}\n`);
    throwIfFilesFailed(failures, `${written.length} file(s) written`);
  });
}
