import { describe, expect, it } from 'vitest';
import { seriesFromJson, seriesToJson } from './json-convert.js';
import { parseJson } from './json.js';
import { parseNdjson } from './ndjson.js';
import type { Series } from './types.js';

const plain = (series: Series): unknown => ({
  ...series,
  values: series.values.map((channel) => Array.from(channel)),
});

describe('parseJson', () => {
  it('reads a bare array of numbers with null as missing', () => {
    expect(plain(parseJson('[1, null, 2.5]', { file: 'dir/bare.json' }))).toEqual({
      id: 'bare',
      channels: ['value'],
      values: [[1, Number.NaN, 2.5]],
    });
  });

  it('reads {values} with id, ISO timestamps and context', () => {
    const text = JSON.stringify({
      id: 'pump',
      values: [1, 2],
      timestamps: ['2024-01-01T00:00:00Z', '2024-01-01T00:00:30Z'],
      context: { domain: 'industrial', unit: 'bar' },
    });
    expect(plain(parseJson(text, { file: 'a.json' }))).toEqual({
      id: 'pump',
      channels: ['value'],
      values: [[1, 2]],
      timestamps: [1704067200000, 1704067230000],
      context: { domain: 'industrial', unit: 'bar' },
    });
  });

  it('reads {channels: {name: [...]}} with epoch-ms timestamps, in key order', () => {
    const text =
      '{"timestamps": [1000, 5000, 6000], "channels": {"b": [1, 2, 3], "a": [null, 5, 6]}}';
    expect(plain(parseJson(text, { file: 'm.json' }))).toEqual({
      id: 'm',
      channels: ['b', 'a'],
      values: [
        [1, 2, 3],
        [Number.NaN, 5, 6],
      ],
      timestamps: [1000, 5000, 6000],
    });
  });

  it('reads the stored form {id, channels: [names], values: [[...]]}', () => {
    const text = '{"id": "s1", "channels": ["x", "y"], "values": [[1, 2], [3, null]]}';
    expect(plain(parseJson(text, { file: 'a.json' }))).toEqual({
      id: 's1',
      channels: ['x', 'y'],
      values: [
        [1, 2],
        [3, Number.NaN],
      ],
    });
  });

  it('accepts a numeric id as text and ignores unknown keys', () => {
    expect(parseJson('{"id": 17, "values": [1], "label": "normal"}', { file: 'a.json' }).id).toBe(
      '17',
    );
  });

  it('names a bad channel element by its JSON path', () => {
    expect(() => parseJson('{"channels": {"temp c": [1, true]}}', { file: 'a.json' })).toThrow(
      'a.json: channels["temp c"][1]: boolean true is not a number',
    );
  });
});

describe('parseNdjson', () => {
  it('reads one series per line, ids from the line or <basename>#<line>, blank lines ignored', () => {
    const text = '{"id": "a", "values": [1, 2]}\n\n[3, 4]\n{"channels": {"x": [5]}}\n';
    const series = parseNdjson(text, { file: 'runs/batch.jsonl' });
    expect(series.map(plain)).toEqual([
      { id: 'a', channels: ['value'], values: [[1, 2]] },
      { id: 'batch#3', channels: ['value'], values: [[3, 4]] },
      { id: 'batch#4', channels: ['x'], values: [[5]] },
    ]);
  });

  it('names the line of a bad series', () => {
    expect(() => parseNdjson('[1]\n[2]\n{"values": [Infinity]}\n', { file: 'b.ndjson' })).toThrow(
      expect.objectContaining({ code: 'input.json_syntax', line: 3, column: 13 }),
    );
    expect(() => parseNdjson('[1]\n{"values": []}\n', { file: 'b.ndjson' })).toThrow(
      expect.objectContaining({ code: 'input.no_observations', line: 2 }),
    );
  });
});

describe('seriesToJson / seriesFromJson', () => {
  const series: Series = {
    id: 'rt',
    channels: ['a', 'b'],
    values: [new Float64Array([1.25, Number.NaN, -3]), new Float64Array([0, 1e-9, Number.NaN])],
    timestamps: [0, 1000, 1500],
    context: { domain: 'web', description: 'requests', unit: 'req/s' },
  };

  it('writes NaN as null', () => {
    expect(seriesToJson(series)).toEqual({
      id: 'rt',
      channels: ['a', 'b'],
      values: [
        [1.25, null, -3],
        [0, 1e-9, null],
      ],
      timestamps: [0, 1000, 1500],
      context: { domain: 'web', description: 'requests', unit: 'req/s' },
    });
  });

  it('round-trips through JSON text', () => {
    const back = seriesFromJson(JSON.parse(JSON.stringify(seriesToJson(series))), {
      file: 'rt.json',
    });
    expect(back).toEqual(series);
    expect(back.values[0]).toBeInstanceOf(Float64Array);
  });

  it('leaves out absent optional fields', () => {
    expect(seriesToJson({ id: 'x', channels: ['v'], values: [new Float64Array([1])] })).toEqual({
      id: 'x',
      channels: ['v'],
      values: [[1]],
    });
  });

  it('rejects a wrong stored shape naming the field, and validates the content', () => {
    expect(() =>
      seriesFromJson({ id: 'x', channels: ['v'], values: [[1, 'a']] }, { file: 'd.json' }),
    ).toThrow(expect.objectContaining({ code: 'input.json_shape', field: 'values[0][1]' }));
    expect(() =>
      seriesFromJson(
        { id: 'x', channels: ['v'], values: [[1]], timestamps: [1, 2] },
        { file: 'd.json', line: 4 },
      ),
    ).toThrow(
      expect.objectContaining({ code: 'input.length_mismatch', line: 4, field: 'timestamps' }),
    );
    expect(() =>
      seriesFromJson({ id: 'x', channels: ['v', 'v'], values: [[1], [2]] }, { file: 'd.json' }),
    ).toThrow(expect.objectContaining({ code: 'input.duplicate_channel', field: 'values[1]' }));
  });
});
