import { describe, expect, it } from 'vitest';
import type { Answer } from '../schema/answer.js';
import type { Interval } from '../schema/interval.js';
import type { Series } from '../series/types.js';
import { formatCost, formatIndexRange, formatTime } from './format.js';
import { falseAlarmText, windowRows } from './windows-table.js';
import { buildSeriesReport, type BuildReportInput } from './model.js';
import { folderNames } from './names.js';
import { scoreRows } from './rows.js';

const minute = 60_000;
const start = Date.UTC(2024, 0, 1);

function series(
  length: number,
  channels = ['value'],
  { withTime = false }: { withTime?: boolean } = {},
): Series {
  return {
    id: 's',
    channels,
    values: channels.map(() => Float64Array.from({ length }, (_, t) => Math.sin(t / 5))),
    ...(withTime ? { timestamps: Array.from({ length }, (_, t) => start + t * minute) } : {}),
  };
}

function result(
  answer: Answer,
  intervals: Interval[],
  channels: number[] = [],
): BuildReportInput['result'] {
  return {
    answer,
    intervals,
    channels,
    category: answer.anomalies[0]?.category ?? 'Normal Sequence',
    prompt: {
      id: 'structured-diagnose',
      version: '1',
      answer: 'structured',
      convention: 'inclusive',
    },
    usage: { inputTokens: 1200, outputTokens: 80 },
    costUsd: 0.0031,
    latencyMs: 840,
    cached: false,
    repaired: false,
    warnings: [],
  };
}

const spike = { channels: null, severity: 'high' as const, confidence: 0.9, candidate: null };

describe('buildSeriesReport', () => {
  it('gives the row references of an explanation in time first when x is the row index', () => {
    const answer: Answer = {
      anomalous: true,
      anomalies: [
        {
          ...spike,
          start: 3,
          end: 4,
          category: 'Sudden Spike Anomaly',
          explanation: 'A 2-point spike at x=3–4 peaks at 2 (x=4).',
        },
      ],
      summary: '',
    };
    const build = (coordinates?: BuildReportInput['coordinates']): string =>
      buildSeriesReport({
        series: series(20, ['value'], { withTime: true }),
        result: result(answer, [[3, 5]]),
        model: 'baseline',
        ...(coordinates === undefined ? {} : { coordinates }),
      }).anomalies[0]!.explanation;
    expect(build()).toBe(
      'A 2-point spike at 2024-01-01 00:03 → 00:04 UTC (rows 3–4) peaks at 2 ' +
        '(2024-01-01 00:04 UTC, row 4).',
    );
    // rescaled values: x is not the row, the text stays the model's
    expect(build({ scale: 10 })).toBe('A 2-point spike at x=3–4 peaks at 2 (x=4).');
  });

  it('converts each anomaly to its index range, timestamps, channel and category definition', () => {
    const answer: Answer = {
      anomalous: true,
      anomalies: [
        { ...spike, start: 2, end: 4, category: 'Sudden Spike Anomaly', explanation: 'jump' },
        {
          ...spike,
          start: 7,
          end: 7,
          category: 'Point Anomaly',
          severity: null,
          confidence: null,
          explanation: '',
        },
      ],
      summary: 'two things',
    };
    const report = buildSeriesReport({
      series: series(10, ['value'], { withTime: true }),
      result: result(answer, [
        [2, 5],
        [7, 8],
      ]),
      model: 'fake:model',
    });
    expect(report.anomalies.map((anomaly) => anomaly.interval)).toEqual([
      [2, 5],
      [7, 8],
    ]);
    expect(report.anomalies[0]?.time).toEqual({
      start: '2024-01-01 00:02:00 UTC',
      end: '2024-01-01 00:04:00 UTC',
    });
    expect(report.anomalies[0]?.channels).toEqual([{ index: 0, name: 'value' }]);
    expect(report.anomalies[0]?.definition).toBe(
      'A sharp, short-lived jump up or down that quickly reverts.',
    );
    expect(report.timeRange).toEqual({
      start: '2024-01-01 00:00:00 UTC',
      end: '2024-01-01 00:09:00 UTC',
    });
    expect(report.summary).toBe(
      'fake:model found 2 anomalies in series s (10 points, 1 channel, 2024-01-01 00:00 → ' +
        '2024-01-01 00:09 UTC, one point every 1 min): (1) Sudden Spike Anomaly on 2024-01-01, ' +
        '00:02–00:04 UTC, high severity; (2) Point Anomaly at 2024-01-01 00:07 UTC. ' +
        "In the model's words: “two things”",
    );
    expect(report.scores).toBeNull();
  });

  it('scores against a label: affiliation P/R/F1 and point-wise F1 (hand-worked)', () => {
    // intervalScores' documented example: truth [100, 200), predicted [0, 100) on 400 points → P
    // 0.5, R 0.75, F1 0.6; no overlap → point F1 0.
    const answer: Answer = {
      anomalous: true,
      anomalies: [{ ...spike, start: 0, end: 99, category: 'Drift Anomaly', explanation: 'x' }],
      summary: '',
    };
    const label = {
      seriesId: 's',
      anomalous: true,
      intervals: [[100, 200]] as [number, number][],
      channels: null,
      category: 'Drift Anomaly',
      explanation: null,
    };
    const report = buildSeriesReport({
      series: series(400),
      result: result(answer, [[0, 100]]),
      model: 'm',
      label,
    });
    expect(report.scores?.affiliation?.precision).toBeCloseTo(0.5, 12);
    expect(report.scores?.affiliation?.recall).toBeCloseTo(0.75, 12);
    expect(report.scores?.affiliation?.f1).toBeCloseTo(0.6, 12);
    expect(report.scores?.pointwise?.f1).toBe(0);
    expect(report.scores?.variate).toBeNull();
    expect(report.scores).toMatchObject({ detectionAgrees: true, categoryAgrees: true });
  });

  it('lists every interval metric, the labelled windows found and missed, and the false alarms', () => {
    // truth [10, 20) and [50, 60); predicted [15, 18) (inside the first) and [80, 82) (touches
    // none)
    const answer: Answer = {
      anomalous: true,
      anomalies: [
        { ...spike, start: 15, end: 17, category: 'Point Anomaly', explanation: '' },
        { ...spike, start: 80, end: 81, category: 'Point Anomaly', explanation: '' },
      ],
      summary: '',
    };
    const truth: [number, number][] = [
      [10, 20],
      [50, 60],
    ];
    const label = {
      seriesId: 's',
      anomalous: true,
      intervals: truth,
      channels: null,
      category: null,
      explanation: null,
    };
    const report = buildSeriesReport({
      series: series(100, ['value'], { withTime: true }),
      result: result(answer, [
        [15, 18],
        [80, 82],
      ]),
      model: 'm',
      label,
    });
    expect(report.scores?.windows).toEqual({
      found: [[10, 20]],
      missed: [[50, 60]],
      falseAlarms: [[80, 82]],
    });
    // event recall 1/2, point precision 3/5 → event F1 = 2·0.5·0.6 / 1.1
    expect(report.scores?.intervals?.event.f1).toBeCloseTo(0.6 / 1.1, 12);
    const rows = new Map(scoreRows(report));
    expect([...rows.keys()]).toEqual(
      expect.arrayContaining(['event F1 (TSB-AD)', 'point-adjusted F1', 'range-based F1']),
    );
    expect(rows.get('labelled windows found')).toBe('1 of 2');
    expect(rows.get('labelled windows missed')).toBe('1');
    expect(rows.get('predicted intervals touching no window')).toBe('1');
    // each window, time first, and which anomalies found it; the false alarms by number
    expect(windowRows(report)).toEqual([
      {
        where: '2024-01-01 00:10:00 UTC → 2024-01-01 00:19:00 UTC (rows 10–19)',
        found: true,
        by: '1',
      },
      {
        where: '2024-01-01 00:50:00 UTC → 2024-01-01 00:59:00 UTC (rows 50–59)',
        found: false,
        by: '',
      },
    ]);
    expect(falseAlarmText(report)).toBe('1 false alarm (touch no labelled window): anomaly 2.');
  });

  it('names channels and scores variates on a multivariate series', () => {
    // truth channels {1}, predicted {1, 2} of 3 → P 1/2, R 1, F1 2/3.
    const answer: Answer = {
      anomalous: true,
      anomalies: [
        {
          ...spike,
          start: 10,
          end: 19,
          channels: [2, 1],
          category: 'Local Structural Jump Anomaly',
          explanation: 'jump',
        },
      ],
      summary: '',
    };
    const label = {
      seriesId: 's',
      anomalous: true,
      intervals: [[10, 20]] as [number, number][],
      channels: [1],
      category: null,
      explanation: null,
    };
    const report = buildSeriesReport({
      series: series(50, ['cpu', 'memory', 'disk']),
      result: result(answer, [[10, 20]], [1, 2]),
      model: 'm',
      label,
    });
    expect(report.anomalies[0]?.channels).toEqual([
      { index: 1, name: 'memory' },
      { index: 2, name: 'disk' },
    ]);
    expect(report.summary).toContain('over indices 10–19 in memory, disk');
    expect(report.scores?.variate?.precision).toBeCloseTo(0.5, 12);
    expect(report.scores?.variate?.recall).toBe(1);
    expect(report.scores?.variate?.f1).toBeCloseTo(2 / 3, 12);
    expect(report.scores?.affiliation?.f1).toBe(1);
    expect(report.scores?.categoryAgrees).toBeNull();
  });

  it('says "no anomaly found" for a normal answer and keeps unknown categories undefined', () => {
    const report = buildSeriesReport({
      series: series(20),
      result: result({ anomalous: false, anomalies: [], summary: 'flat and calm' }, []),
      model: 'baseline',
    });
    expect(report.anomalous).toBe(false);
    expect(report.summary).toBe(
      "baseline found no anomaly in series s (20 points, 1 channel). In the model's words: “flat and calm”",
    );
  });

  it('marks an anomaly outside the series as having no interval', () => {
    const answer: Answer = {
      anomalous: true,
      anomalies: [{ ...spike, start: 50, end: 60, category: 'Point Anomaly', explanation: '' }],
      summary: '',
    };
    const report = buildSeriesReport({
      series: series(20),
      result: result(answer, []),
      model: 'm',
    });
    expect(report.anomalies[0]?.interval).toBeNull();
    expect(report.summary).toContain('(1) Point Anomaly outside the series');
  });
});

describe('formatting', () => {
  it.each([
    [[120, 121], '120'],
    [[120, 125], '120–124'],
  ] as const)('formatIndexRange(%j) = %s', (interval, expected) => {
    expect(formatIndexRange(interval)).toBe(expected);
  });

  it.each([
    [Date.UTC(2024, 2, 1, 2, 0, 0), '2024-03-01 02:00:00 UTC'],
    [Date.UTC(2024, 2, 1, 2, 0, 0, 250), '2024-03-01 02:00:00.250 UTC'],
    [Number.NaN, 'NaN'],
  ])('formatTime(%d) = %s', (ms, expected) => {
    expect(formatTime(ms)).toBe(expected);
  });

  it.each([
    [null, 'unknown'],
    [0, '$0'],
    [0.0031, '$0.0031'],
    [0.00002, '$2.00e-5'],
  ])('formatCost(%s) = %s', (cost, expected) => {
    expect(formatCost(cost)).toBe(expected);
  });

  it('makes safe, distinct folder names', () => {
    expect(folderNames(['a/b', 'a?b', '..', '', 'A_B', 'ok-1.csv'])).toEqual([
      'a_b',
      'a_b-2',
      'series',
      'series-2',
      'A_B-3',
      'ok-1.csv',
    ]);
  });
});
