import { describe, expect, it } from 'vitest';
import { isPyInt, PyDict, PyInt, pyJsonLoads, PyJsonError, pyToJs } from './python-json.js';
import { pyDigitValue, pyInt, pyRstripChars, pyStrip } from './python-text.js';

describe('pyJsonLoads', () => {
  it('keeps ints and floats apart, exactly', () => {
    const value = pyJsonLoads('[5, 5.0, 5e0, -0, 123456789012345678901234567890, true]');
    expect(Array.isArray(value) && value.map(isPyInt)).toEqual([
      true,
      false,
      false,
      true,
      true,
      true,
    ]);
    expect(Array.isArray(value) && value[4]).toEqual(new PyInt(123456789012345678901234567890n));
  });

  it('accepts the constants Python accepts', () => {
    expect(pyToJs(pyJsonLoads(' [NaN, Infinity, -Infinity, null] \r\n'))).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      null,
    ]);
  });

  it('keeps the last of duplicate keys', () => {
    const value = pyJsonLoads('{"a": 1, "b": 2, "a": 3}');
    expect(value).toBeInstanceOf(PyDict);
    expect(pyToJs(value)).toEqual({ a: 3, b: 2 });
  });

  it.each([
    '[1,]',
    '[01]',
    '{"a" 1}',
    "{'a': 1}",
    '"tab\there"',
    '[1] x',
    '\u00a0[1]',
    '[1e]',
    '-',
    '"\\x"',
    '[nan]',
    '',
  ])('rejects %j', (text) => {
    expect(() => pyJsonLoads(text)).toThrow(PyJsonError);
  });

  it('decodes escapes and surrogate pairs', () => {
    expect(pyJsonLoads('"a\\u00e9\\ud83d\\ude00\\n\\/"')).toBe('aé😀\n/');
  });
});

describe('Python string helpers', () => {
  it('strip and rstrip use Python whitespace', () => {
    expect(pyStrip('\x1c\u3000 a b \x85\n')).toBe('a b');
    expect(pyStrip('\ufeffa')).toBe('\ufeffa');
    expect(pyRstripChars('[1, 2, , ', ', ')).toBe('[1, 2');
  });

  it('reads Unicode decimal digits', () => {
    expect(['7', '٣', '３', '𝟗'].map(pyDigitValue)).toEqual([7, 3, 3, 9]);
  });

  it.each<[unknown, number | undefined | null]>([
    [2.9, 2],
    [-2.9, -2],
    [true, 1],
    [' 1_000 ', 1000],
    ['-٤٢', -42],
    ['1.5', undefined],
    ['', undefined],
    [null, undefined],
    [[1], undefined],
    [Number.NaN, undefined],
    [Number.POSITIVE_INFINITY, null],
  ])('int(%j) = %j', (value, expected) => {
    expect(pyInt(value)).toBe(expected);
  });
});
