import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import type { Series } from '../series/types.js';
import { formatValue, rescaleSeries, serializeText, type TextOptions } from './text.js';

const uni = (values: number[]): Series => ({
  id: 'u',
  channels: ['value'],
  values: [Float64Array.from(values)],
});
const sample = uni([1.23456, -0.5, NaN, 2]);

describe('serializeText', () => {
  it.each<[string, TextOptions, string]>([
    ['plain', { format: 'plain', decimals: 2 }, '1.23, -0.5, NaN, 2'],
    ['plain with null', { format: 'plain', decimals: 2, missing: 'null' }, '1.23, -0.5, null, 2'],
    ['csv', { format: 'csv', decimals: 2 }, 'idx,value\n0,1.23\n1,-0.5\n2,NaN\n3,2'],
    ['digits', { format: 'digits', decimals: 2 }, '1 2 3 , -5 0 , NaN , 2 0 0'],
    ['digits, no decimals', { format: 'digits', decimals: 0 }, '1 , -1 , NaN , 2'],
    [
      'multivariate, one channel',
      { format: 'multivariate', decimals: 1 },
      "'value': [1.2, -0.5, NaN, 2]",
    ],
  ])('%s', (_name, options, expected) => {
    expect(serializeText(sample, options).text).toBe(expected);
  });

  it('records the options and the digit scale in meta', () => {
    expect(serializeText(sample, { format: 'digits', decimals: 2 }).meta).toEqual({
      format: 'digits',
      options: { decimals: 2, missing: 'NaN' },
      scale: 100,
    });
    expect(serializeText(sample, { format: 'plain' }).meta).toEqual({
      format: 'plain',
      options: { decimals: 3, missing: 'NaN' },
    });
  });

  it('writes the prompt-as-prefix sentence with hand-worked statistics', () => {
    // [1,2,3,4]: median 2.5, population std sqrt(1.25) = 1.118, slope 1 → change 3 > 0.5·std →
    // increasing
    expect(serializeText(uni([1, 2, 3, 4]), { format: 'prefix' }).text).toBe(
      'The series has 4 values (0 missing); min 1, max 4, median 2.5, std 1.118; trend increasing (slope 1 per step).\nValues: 1, 2, 3, 4',
    );
    // [1, NaN, 1, 1]: flat, one missing
    expect(serializeText(uni([1, NaN, 1, 1]), { format: 'prefix' }).text).toBe(
      'The series has 4 values (1 missing); min 1, max 1, median 1, std 0; trend flat (slope 0 per step).\nValues: 1, NaN, 1, 1',
    );
  });

  const multi: Series = {
    id: 'm',
    channels: ['cpu', "it's"],
    values: [Float64Array.from([1, 2]), Float64Array.from([3, NaN])],
  };
  it.each<[TextOptions['format'], string]>([
    ['multivariate', "'cpu': [1, 2]; 'it\\'s': [3, NaN]"],
    ['csv', "idx,cpu,it's\n0,1,3\n1,2,NaN"],
    ['plain', "cpu: 1, 2\nit's: 3, NaN"],
    ['digits', "cpu: 1 0 0 0 , 2 0 0 0\nit's: 3 0 0 0 , NaN"],
  ])('multichannel %s', (format, expected) => {
    expect(serializeText(multi, { format }).text).toBe(expected);
  });

  it('never writes -0 and keeps the shortest form', () => {
    expect(formatValue(-0.0001, 3, 'NaN')).toBe('0');
    expect(formatValue(1.5, 3, 'NaN')).toBe('1.5');
    expect(formatValue(Infinity, 3, 'null')).toBe('null');
  });

  it('rejects a bad decimals option', () => {
    expect(() => serializeText(sample, { format: 'plain', decimals: -1 })).toThrow(InputError);
  });
});

describe('rescaleSeries', () => {
  it('interpolates linearly and returns scale = target / original', () => {
    const { series, scale } = rescaleSeries(uni([0, 10, 20, 30]), 8);
    expect(scale).toBe(2);
    // sample j is read at j / 2, the last one clamped to index 3
    expect(Array.from(series.values[0]!)).toEqual([0, 5, 10, 15, 20, 25, 30, 30]);
  });

  it('maps coordinates back as x / scale (AnomLLM s0.3: 1000 → 300)', () => {
    const original = uni(Array.from({ length: 1000 }, (_, i) => i * 2));
    const { series, scale } = rescaleSeries(original, 300);
    expect(scale).toBeCloseTo(0.3, 12);
    expect(series.values[0]!.length).toBe(300);
    // new x = 3 ↦ original 3 / 0.3 = 10 ↦ value 20
    expect(series.values[0]![3]).toBeCloseTo(20, 9);
  });

  it('keeps missing values missing and interpolates timestamps', () => {
    const input: Series = { ...uni([0, NaN, 2]), timestamps: [0, 1000, 2000] };
    const { series } = rescaleSeries(input, 6);
    expect(Array.from(series.values[0]!)).toEqual([0, NaN, NaN, NaN, 2, 2]);
    expect(series.timestamps).toEqual([0, 500, 1000, 1500, 2000, 2000]);
  });

  it('rejects a target length below 1', () => {
    expect(() => rescaleSeries(uni([1, 2]), 0)).toThrow(
      expect.objectContaining({ code: 'render.invalid_length' }),
    );
  });
});
