import { describe, expect, it } from 'vitest';
import { isDecimalNumber, parseDecimal, parseNumberCell } from './cells.js';
import { parseIsoTimestamp } from './time.js';

describe('parseIsoTimestamp', () => {
  it.each([
    ['2024-01-31', Date.UTC(2024, 0, 31)],
    ['2024-01-31T12:00', Date.UTC(2024, 0, 31, 12)],
    ['2024-01-31 12:34:56', Date.UTC(2024, 0, 31, 12, 34, 56)],
    ['2024-01-31T12:34:56Z', Date.UTC(2024, 0, 31, 12, 34, 56)],
    ['2024-01-31T12:34:56.5Z', Date.UTC(2024, 0, 31, 12, 34, 56, 500)],
    ['2024-01-31T12:34:56.123456Z', Date.UTC(2024, 0, 31, 12, 34, 56, 123)],
    ['2024-01-31T12:00:00+02:00', Date.UTC(2024, 0, 31, 10)],
    ['2024-01-31T12:00:00-0130', Date.UTC(2024, 0, 31, 13, 30)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['0050-01-01', -60589296000000],
  ])('%s → %d', (text, expected) => {
    expect(parseIsoTimestamp(text)).toBe(expected);
  });

  it.each([
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-01-32',
    '2024-01-31T24:00',
    '2024-01-31T12',
    '2024/01/31',
    '01/31/2024',
    '2024-01-31T12:00:00+25:00',
    '2024-01-31T12:00:00.Z',
    'yesterday',
    '1704067200000',
  ])('rejects %s', (text) => {
    expect(parseIsoTimestamp(text)).toBeUndefined();
  });
});

describe('number cells', () => {
  it.each(['0', '-1', '+1.5', '.5', '5.', '1e3', '1E-3', '-2.5e+10'])(
    '%s is a decimal number',
    (text) => {
      expect(isDecimalNumber(text)).toBe(true);
    },
  );

  it.each(['', '-', '.', 'e5', '1e', '0x10', '1,5', '1 000', 'Infinity', '1_000', '--1'])(
    '%j is not a decimal number',
    (text) => {
      expect(isDecimalNumber(text)).toBe(false);
    },
  );

  it.each([
    ['inf', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['1e400', Number.POSITIVE_INFINITY],
    ['None', Number.NaN],
    ['abc', undefined],
  ])('parseNumberCell(%j) is %s', (text, expected) => {
    expect(parseNumberCell(text)).toBe(expected);
  });
});

describe('parseDecimal', () => {
  it('equals Number() on 20,000 generated decimals (fast path and fallback)', () => {
    let state = 12345;
    const random = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    for (let round = 0; round < 20_000; round += 1) {
      const magnitude = 10 ** Math.floor(random() * 20 - 8);
      const value = (random() - 0.5) * magnitude;
      const text =
        round % 3 === 0
          ? value.toExponential(Math.floor(random() * 17))
          : value.toFixed(Math.floor(random() * 18));
      expect(parseDecimal(text)).toBe(Number(text));
    }
  });

  it.each([
    '0.1',
    '-0',
    '007',
    '123456789012345',
    '1234567890123456789',
    '0.30000000000000004',
    '9007199254740993',
  ])('%s matches Number()', (text) => {
    expect(parseDecimal(text)).toBe(Number(text));
  });

  it.each(['', '+', '1.2.3', '1e', 'x1'])('%j is undefined', (text) => {
    expect(parseDecimal(text)).toBeUndefined();
  });
});
