import { describe, expect, it } from 'vitest';
import { statedConfidence } from './calibrate.js';
import { detectAnomalies } from './detector.js';
import { defaultBaselineOptions } from './options.js';

const identity = { confidenceLogitIntercept: 0, confidenceLogitSlope: 1 };

/** A gently noisy sine with spikes of growing size, so alarms of several strengths. */
function spiky(): Float64Array {
  const values = Float64Array.from(
    { length: 2000 },
    (_, t) => Math.sin(t / 8) + 0.05 * Math.sin(t * 12.9898),
  );
  [300, 700, 1100, 1500, 1800].forEach((at, index) => {
    values[at] = (values[at] as number) + 1.2 + 0.8 * index;
  });
  return values;
}

describe('stated confidence', () => {
  it('is the evidence confidence under the identity map, and strictly increasing otherwise', () => {
    expect(statedConfidence(0.8, identity)).toBe(0.8);
    const grid = [0.05, 0.2, 0.5, 0.8, 0.95, 0.999];
    const stated = grid.map((evidence) => statedConfidence(evidence, defaultBaselineOptions));
    for (let index = 1; index < stated.length; index++)
      expect(stated[index]).toBeGreaterThan(stated[index - 1] as number);
    // The defaults say less than the evidence scale near the bar (alarms there were right about a
    // third of the time on NAB's dev files), and stay inside (0, 1) at the extremes.
    expect(statedConfidence(0.5, defaultBaselineOptions)).toBeLessThan(0.4);
    expect(statedConfidence(1, defaultBaselineOptions)).toBeLessThan(1);
    expect(statedConfidence(0, defaultBaselineOptions)).toBeGreaterThan(0);
  });

  it('keeps which alarms the detector reports and their order by confidence', () => {
    const series = { id: 's', channels: ['value'], values: [spiky()] };
    const order = (options: object) =>
      detectAnomalies(series, options)
        .anomalies.map((anomaly) => ({ at: anomaly.start, confidence: anomaly.confidence }))
        .sort((a, b) => b.confidence - a.confidence || a.at - b.at);
    const raw = order(identity);
    const calibrated = order({});
    expect(raw.length).toBeGreaterThan(2);
    expect(calibrated.map((entry) => entry.at)).toEqual(raw.map((entry) => entry.at));
    calibrated.forEach((entry, index) =>
      expect(entry.confidence).toBe(
        statedConfidence(raw[index]!.confidence, defaultBaselineOptions),
      ),
    );
  });

  it('refuses a slope that would reverse the order, naming the option', () => {
    expect(() =>
      statedConfidence(0.7, { confidenceLogitIntercept: 0, confidenceLogitSlope: -1 }),
    ).toThrow(/confidenceLogitSlope/);
  });
});
