import { describe, expect, it } from 'vitest';
import { MovingEta } from './eta.js';

describe('MovingEta', () => {
  it('is unknown before any item finishes, then remaining / rate', () => {
    const eta = new MovingEta();
    expect(eta.update(0, 0, 100)).toBeNull();
    expect(eta.update(5_000, 0, 100)).toBeNull();
    // 10 items in 10 s: 1 item/s, 90 left.
    expect(eta.update(10_000, 10, 100)).toBe(90);
    expect(eta.update(100_000, 100, 100)).toBe(0);
  });

  it('follows the current rate once the slow start leaves the window', () => {
    const eta = new MovingEta({ windowMs: 60_000 });
    // A slow first two minutes (1 item per 10 s) ...
    let done = 0;
    for (let s = 0; s <= 120; s += 10) eta.update(s * 1000, (done = s / 10), 10_000);
    // ... then 10 items/s.
    let last: number | null = null;
    for (let s = 121; s <= 300; s += 1) last = eta.update(s * 1000, (done += 10), 10_000);
    // Whole-run average would say ~(10000-1812)/(1812/300) ≈ 1356 s; the last minute says 819 s.
    expect(last).toBe(Math.round((10_000 - done) / 10));
  });

  it('keeps a finished total at 0 and survives a counter that goes back (new run)', () => {
    const eta = new MovingEta();
    expect(eta.update(1_000, 5, 5)).toBe(0);
    expect(eta.update(2_000, 0, 10)).toBeNull();
    expect(eta.update(4_000, 4, 10)).toBe(3);
  });
});
