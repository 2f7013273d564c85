import { describe, expect, it } from 'vitest';
import { explanationInTime } from './explanation-time.js';

// one point every 5 minutes from 2014-03-14 00:00 UTC
const stamps = Array.from({ length: 2000 }, (_, i) => Date.UTC(2014, 2, 14) + i * 300_000);

describe('explanationInTime', () => {
  it.each([
    [
      'A 2-point spike at x=1532–1533 peaks at 7.5 (x=1533), 9.1 robust SD above.',
      'A 2-point spike at 2014-03-19 07:40 → 07:45 UTC (rows 1532–1533) peaks at 7.5 ' +
        '(2014-03-19 07:45 UTC, row 1533), 9.1 robust SD above.',
    ],
    [
      'Between x=10 and x=300 the level moves by +2.',
      'Between 2014-03-14 00:50 UTC (row 10) and 2014-03-15 01:00 UTC (row 300) the level moves by +2.',
    ],
    ['Value 3 at x=0 is high.', 'Value 3 at 2014-03-14 00:00 UTC (row 0) is high.'],
    [
      'x=280–300 (21 points) deviates',
      '2014-03-14 23:20 → 2014-03-15 01:00 UTC (rows 280–300) (21 points) deviates',
    ],
    // outside the series, or not a row reference: unchanged
    ['a spike at x=5000 and max=12, box=3', 'a spike at x=5000 and max=12, box=3'],
  ])('%s', (text, expected) => {
    expect(explanationInTime(text, stamps)).toBe(expected);
  });
});
