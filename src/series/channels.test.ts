import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { selectChannels } from './channels.js';
import { loadSeries } from './load.js';
import type { Series } from './types.js';

// SKAB's layout: `;` as delimiter, an `anomaly` and a `changepoint` 0/1 column beside the data.
const skabLike = join(import.meta.dirname, '../../fixtures/columns/skab-like.csv');

function series(channels: Record<string, number[]>): Series {
  return {
    id: 's',
    channels: Object.keys(channels),
    values: Object.values(channels).map((values) => Float64Array.from(values)),
  };
}

describe('which columns are channels', () => {
  it('leaves out 0/1 label-like columns of a SKAB file with one warning naming them', async () => {
    const warnings: string[] = [];
    const [loaded] = await loadSeries(skabLike, { onWarning: (message) => warnings.push(message) });
    expect(loaded?.channels).toEqual(['Accelerometer1RMS', 'Temperature']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"anomaly", "changepoint" look like 0/1 labels');
  });

  it.each([
    [{ columns: ['Temperature', 'anomaly'] }, ['Temperature', 'anomaly']],
    [{ ignoreColumns: ['Temperature'] }, ['Accelerometer1RMS']],
    [{ keepColumns: ['anomaly'] }, ['Accelerometer1RMS', 'Temperature', 'anomaly']],
  ])('with %o reads %o', async (options, channels) => {
    const [loaded] = await loadSeries(skabLike, options);
    expect(loaded?.channels).toEqual(channels);
  });

  it.each([
    ['label', [0, 1, 0], false],
    ['is_anomaly', [0, Number.NaN, 1], false],
    ['Attack', [1, 1, 1], false],
    ['label', [0, 2, 0], true],
    ['anomaly_score', [0, 1, 0], true],
    ['value', [0, 1, 0], true],
  ])('a column "%s" holding %o is read as data: %s', (name, values, kept) => {
    const out = selectChannels(series({ x: [1, 2, 3], [name]: values }), 'f.csv', {});
    expect(out.channels.includes(name)).toBe(kept);
  });

  it.each([
    [{ columns: ['nope'] }, 'input.unknown_column', '"nope"'],
    [{ ignoreColumns: ['x'] }, 'input.only_label_columns', 'looks like 0/1 labels'],
    [{ ignoreColumns: ['x', 'label'] }, 'input.unknown_column', 'leaves no column'],
  ])('%o is a located error', (options, code, text) => {
    const run = (): Series =>
      selectChannels(series({ x: [1, 2, 3], label: [0, 1, 0] }), 'f.csv', options);
    expect(run).toThrow(InputError);
    try {
      run();
    } catch (error) {
      expect(error).toMatchObject({ code, file: 'f.csv' });
      expect((error as InputError).message).toContain(text);
    }
  });
});
