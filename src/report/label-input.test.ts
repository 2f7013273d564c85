import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeries } from '../series/load.js';
import { readReportLabels } from './label-input.js';

const nab = 'fixtures/nab';

describe('report labels from NAB combined_windows.json, with the product loader', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'anomscope-report-labels-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('matches every series of a NAB folder by its relative path, windows as rows', async () => {
    const warnings: string[] = [];
    const series = await loadSeries(join(nab, 'data'), {
      onWarning: (message) => warnings.push(message),
    });
    expect(series.map((one) => one.id)).toEqual([
      'artificialWithAnomaly/art_daily_jumpsup',
      'realKnownCause/ec2_request_latency_system_failure',
    ]);
    // the ec2 file repeats 2014-03-09 03:00:00: merged by mean, with one warning
    expect(warnings.some((line) => line.includes('repeat an earlier timestamp'))).toBe(true);
    const labels = await readReportLabels(join(nab, 'combined_windows.json'), series);
    const ec2 = labels.get('realKnownCause/ec2_request_latency_system_failure');
    const ec2Series = series[1];
    expect(ec2?.anomalous).toBe(true);
    // NAB windows include both ends: the first row of the first window is 03:31, its last 14:41
    const first = ec2?.intervals?.[0];
    if (first === undefined || ec2Series?.timestamps === undefined) throw new Error('no window');
    expect(new Date(ec2Series.timestamps[first[0]] ?? 0).toISOString()).toBe(
      '2014-03-14T03:31:00.000Z',
    );
    expect(new Date(ec2Series.timestamps[first[1] - 1] ?? 0).toISOString()).toBe(
      '2014-03-14T14:41:00.000Z',
    );
    // windows outside the trimmed file cover no row
    expect(ec2?.intervals).toHaveLength(1);
    expect(labels.get('artificialWithAnomaly/art_daily_jumpsup')?.intervals).toHaveLength(1);
  });

  it('labels a series loaded from one file by the one key that ends with its id', async () => {
    const series = await loadSeries(
      join(nab, 'data/realKnownCause/ec2_request_latency_system_failure.csv'),
    );
    const warnings: string[] = [];
    const labels = await readReportLabels(join(nab, 'combined_windows.json'), series, {
      onWarning: (message) => warnings.push(message),
    });
    expect([...labels.keys()]).toEqual(['ec2_request_latency_system_failure']);
    expect(warnings.join('\n')).toContain('art_daily_jumpsup');
  });

  it('sorts rows by time and merges repeated times into their mean before placing windows', async () => {
    const csv = join(dir, 'messy.csv');
    await writeFile(
      csv,
      'timestamp,value\n2014-01-01 00:10:00,3\n2014-01-01 00:00:00,1\n' +
        '2014-01-01 00:10:00,5\n2014-01-01 00:05:00,2\n',
    );
    const labelFile = join(dir, 'windows.json');
    await writeFile(
      labelFile,
      JSON.stringify({
        'messy.csv': [
          ['2014-01-01 00:05:00.000000', '2014-01-01 00:10:00.000000'],
          ['2015-01-01 00:00:00', '2015-01-02 00:00:00'],
        ],
      }),
    );
    const series = await loadSeries(csv, { onWarning: () => undefined });
    expect(Array.from(series[0]?.values[0] ?? [])).toEqual([1, 2, 4]);
    const labels = await readReportLabels(labelFile, series);
    expect(labels.get('messy')?.intervals).toEqual([[1, 3]]);
  });

  it('still reads full labels (a JSON array with intervals: null stays null)', async () => {
    const file = join(dir, 'full.json');
    await writeFile(
      file,
      JSON.stringify([
        {
          seriesId: 'messy',
          anomalous: true,
          intervals: null,
          channels: null,
          category: null,
          explanation: null,
        },
      ]),
    );
    const labels = await readReportLabels(file, []);
    expect(labels.get('messy')?.intervals).toBeNull();
  });

  it('says once which series have no label, for NAB windows and for full labels alike', async () => {
    const series = await loadSeries(join(nab, 'data'));
    const only = join(dir, 'only-ec2.json');
    const windows = JSON.parse(
      await readFile(join(nab, 'combined_windows.json'), 'utf8'),
    ) as Record<string, unknown>;
    await writeFile(
      only,
      JSON.stringify({
        'realKnownCause/ec2_request_latency_system_failure.csv':
          windows['realKnownCause/ec2_request_latency_system_failure.csv'],
      }),
    );
    const full = join(dir, 'full.json');
    await writeFile(
      full,
      JSON.stringify([
        { seriesId: 'realKnownCause/ec2_request_latency_system_failure', anomalous: false },
      ]),
    );
    for (const file of [only, full]) {
      const warnings: string[] = [];
      const labels = await readReportLabels(file, series, {
        onWarning: (message) => warnings.push(message),
      });
      expect([...labels.keys()]).toEqual(['realKnownCause/ec2_request_latency_system_failure']);
      expect(warnings).toEqual([
        `${file}: 1 series have no label: artificialWithAnomaly/art_daily_jumpsup`,
      ]);
    }
  });
});
