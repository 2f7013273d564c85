import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Series } from '../series/types.js';
import { assertFreshDist } from '../testing/built.js';
import { createSvgPool, defaultWorkerUrl } from './pool.js';
import { findRenderersDir } from './templates.js';

const renderersDir = findRenderersDir();
const distIndex = fileURLToPath(new URL('../../dist/src/render/index.js', import.meta.url));
const wave = (length: number, phase: number): Series => ({
  id: 's',
  channels: ['a'],
  values: [Float64Array.from({ length }, (_, i) => Math.sin(i / 7 + phase))],
});

describe('svg pool', () => {
  it('has no worker module under vitest (the .ts sources), so it renders on the main thread', async () => {
    expect(defaultWorkerUrl()).toBeUndefined();
    const pool = createSvgPool({
      renderersDir,
      maxCachedSpecs: 4,
      workers: 2,
      workerUrl: undefined,
    });
    const images = await Promise.all(
      [0, 1, 2].map((phase) => pool.svg(wave(50, phase), { preset: 'line' })),
    );
    expect(new Set(images).size).toBe(3);
    await pool.close();
  });

  it('passes input errors through with their code', async () => {
    const pool = createSvgPool({
      renderersDir,
      maxCachedSpecs: 4,
      workers: 0,
      workerUrl: undefined,
    });
    await expect(pool.svg(wave(10, 0), { preset: 'line', widthPx: 3 })).rejects.toMatchObject({
      code: 'render.invalid_size',
    });
  });

  // The worker path needs the compiled sources: run it in plain node against dist/, which must be
  // built from the current sources (a skipped or stale run would hide a broken worker).
  it('worker threads give the same PNG bytes as the main thread (dist/)', () => {
    assertFreshDist(fileURLToPath(new URL('../..', import.meta.url)));
    const script = `
      const { createRenderer } = await import(${JSON.stringify(distIndex)});
      const series = Array.from({ length: 6 }, (_, k) => ({ id: 's' + k, channels: ['a', 'b', 'c', 'd'],
        values: [0, 1, 2, 3].map((c) => Float64Array.from({ length: 300 }, (_, i) => Math.sin(i / (5 + k) + c) + (i === 100 + k ? 3 : 0))) }));
      const jobs = (r) => Promise.all(series.flatMap((s) => [r.png(s, { preset: 'grid' }), r.png({ ...s, values: [s.values[0]] }, { preset: 'line' })]));
      const main = createRenderer({ workers: 0 });
      const pooled = createRenderer({ workers: 2 });
      const a = await jobs(main);
      const b = await jobs(pooled);
      const same = a.every((png, i) => Buffer.from(png).equals(Buffer.from(b[i])));
      process.stdout.write(JSON.stringify({ same, count: a.length }));
      // no close(): idle workers must not keep the process alive
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(JSON.parse(output)).toEqual({ same: true, count: 12 });
  });
});
