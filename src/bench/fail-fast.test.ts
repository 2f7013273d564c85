import { describe, expect, it } from 'vitest';
import { createFailFast } from './fail-fast.js';
import type { ResultRow } from './result-row.js';

let next = 0;
function row(fields: { cached: boolean; code?: string }): ResultRow {
  next += 1;
  const error =
    fields.code === undefined ? null : { code: fields.code, message: `${fields.code} happened` };
  return {
    key: `k${next}`,
    track: 't',
    seriesId: `s${next}`,
    provider: 'openai:gpt-4o',
    model: 'gpt-4o',
    task: 'range',
    modality: 'image',
    hints: 'none',
    sample: 0,
    prompt: { id: 'p', version: '1' },
    status: error === null ? 'ok' : 'error',
    answer: null,
    intervals: error === null ? [] : null,
    channels: null,
    category: null,
    rawText: null,
    error,
    usage: null,
    costUsd: null,
    latencyMs: null,
    attempts: fields.cached ? 0 : 1,
    cached: fields.cached,
    repaired: false,
    requestKey: null,
    finishedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('createFailFast', () => {
  it('stops when the first calls all fail alike with a set-up error', () => {
    const failFast = createFailFast({ calls: 3, runDir: '/runs/r1' });
    expect(failFast.check(row({ cached: false, code: 'provider.auth' }))).toBeUndefined();
    expect(failFast.check(row({ cached: false, code: 'provider.auth' }))).toBeUndefined();
    const stop = failFast.check(row({ cached: false, code: 'provider.auth' }));
    expect(stop).toMatchObject({ code: 'bench.setup_failed' });
    expect(stop?.message).toContain('--resume r1 --retry-errors');
  });

  it('a missing key counts as a set-up error', () => {
    const failFast = createFailFast({ calls: 2, runDir: '/runs/r2' });
    failFast.check(row({ cached: false, code: 'input.missing_api_key' }));
    const stop = failFast.check(row({ cached: false, code: 'input.missing_api_key' }));
    expect(stop?.message).toMatch(/all failed with input\.missing_api_key/);
  });

  it('ignores cache hits: answers cached earlier do not hide a key that stopped working', () => {
    const failFast = createFailFast({ calls: 2, runDir: '/runs/r3' });
    for (let i = 0; i < 5; i += 1) expect(failFast.check(row({ cached: true }))).toBeUndefined();
    failFast.check(row({ cached: false, code: 'provider.auth' }));
    expect(failFast.check(row({ cached: false, code: 'provider.auth' }))).toMatchObject({
      code: 'bench.setup_failed',
    });
  });

  it('goes on when one of the first calls worked, or the errors are ordinary faults', () => {
    const worked = createFailFast({ calls: 2, runDir: '/runs/r4' });
    worked.check(row({ cached: false }));
    expect(worked.check(row({ cached: false, code: 'provider.auth' }))).toBeUndefined();
    const unlucky = createFailFast({ calls: 2, runDir: '/runs/r5' });
    unlucky.check(row({ cached: false, code: 'provider.rate_limited' }));
    expect(unlucky.check(row({ cached: false, code: 'provider.rate_limited' }))).toBeUndefined();
  });
});
