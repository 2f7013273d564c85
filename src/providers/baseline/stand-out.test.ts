import { describe, expect, it } from 'vitest';
import type { BaselineAnomaly } from './describe.js';
import { detectAnomalies } from './detector.js';
import { flatRunMinPoints } from './flatline.js';
import { defaultBaselineOptions } from './options.js';
import { standOut, type Evidence } from './stand-out.js';
import { standardNormals } from '../../testing/seeded-noise.js';

const finding = (start: number): BaselineAnomaly => ({
  start,
  end: start + 1,
  channels: null,
  category: 'Point Anomaly',
  severity: 'high',
  confidence: 0.9,
  explanation: '',
  score: 0,
  kind: 'point',
});

/** `count` alarms 100 rows apart with z 10, 10.1, …, plus one at z = `strongest`. */
function field(count: number, strongest: number): Evidence[] {
  const entries = Array.from({ length: count }, (_, k) => ({
    finding: finding(100 * (k + 1)),
    z: 10 + k / 10,
  }));
  entries.push({ finding: finding(100 * (count + 1)), z: strongest });
  return entries;
}

describe('standOut', () => {
  const options = defaultBaselineOptions;

  it('keeps only the alarm that stands out of a field of similar alarms on a long series', () => {
    const { kept, bar } = standOut(field(20, 40), { gap: 10, points: 4000 }, options);
    expect(kept.map((entry) => entry.z)).toEqual([40]);
    // 21 clusters, median 11 → bar 1.5 × 11.
    expect(bar).toBeCloseTo(16.5, 6);
  });

  it('leaves short series and few clusters alone', () => {
    expect(standOut(field(20, 40), { gap: 10, points: 400 }, options).kept).toHaveLength(21);
    expect(standOut(field(5, 40), { gap: 10, points: 4000 }, options).kept).toHaveLength(6);
  });

  it('treats findings within the gap as one cluster of the field', () => {
    // 20 alarms 5 rows apart form one cluster with the strong one: no field, all kept.
    const close = field(20, 40).map((entry, k) => ({
      ...entry,
      finding: finding(5 * k),
    }));
    expect(standOut(close, { gap: 10, points: 4000 }, options).kept).toHaveLength(21);
  });
});

describe('flat runs against the series repeat rate', () => {
  it('asks for longer runs where values often repeat', () => {
    const options = defaultBaselineOptions;
    expect(flatRunMinPoints(0, 4000, options)).toBe(options.flatlineMinPoints);
    // 1 + ln(16000 / 0.01) / ln(1 / 0.3) = 12.87 → 13.
    expect(flatRunMinPoints(0.3, 16000, options)).toBe(13);
  });
});

describe('detectAnomalies on a long series with a daily job', () => {
  it('drops the recurring spikes and keeps the one far larger', () => {
    const values = standardNormals(5, 6000);
    // A spike of +12 every ~200 rows (a nightly job), one of +60 at row 4321.
    for (let t = 150; t < values.length; t += 197) values[t] = (values[t] as number) + 12;
    values[4321] = (values[4321] as number) + 60;
    const found = detectAnomalies({ id: 's', channels: ['v'], values: [values] }).anomalies;
    expect(found.map((anomaly) => anomaly.start)).toEqual([4321]);
  });
});
