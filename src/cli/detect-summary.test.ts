import { describe, expect, it } from 'vitest';
import { detect } from '../detect/detect.js';
import { createProvider } from '../providers/registry.js';
import { loadSeries } from '../series/index.js';
import { formatSummary } from './detect.js';

describe('detect summary of fixtures/series/multivariate.csv with the baseline', () => {
  it('does not say "no anomaly found" and then "1 anomaly found"', async () => {
    const [series] = await loadSeries('fixtures/series/multivariate.csv');
    if (series === undefined) throw new Error('fixture missing');
    const provider = createProvider('baseline', { env: {} });
    const result = await detect(series, { provider, task: 'variate' });
    const text = formatSummary(series, provider.id, result);
    expect(text).toContain('no anomaly found');
    expect(text).not.toMatch(/\d+ anomal(y|ies) found/);
    expect(text).toContain('Outside this task the detector saw 1 anomaly');
  });
});

describe('detect summary of a timestamped series', () => {
  it('says where each anomaly is in time first, rows second', async () => {
    const [series] = await loadSeries(
      'fixtures/nab/data/realKnownCause/ec2_request_latency_system_failure.csv',
    );
    if (series === undefined) throw new Error('fixture missing');
    const provider = createProvider('baseline', { env: {} });
    const result = await detect(series, { provider, task: 'range' });
    const text = formatSummary(series, provider.id, result);
    expect(text).toContain('1. 2014-03-14 09:06:00 → 2014-03-14 09:11:00 UTC (rows 1532–1533)');
    expect(text).not.toMatch(/^ {2}\d+\. x /m);
  });
});
