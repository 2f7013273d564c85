import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  writeSeriesReports,
  type WriteSeriesReportsResult,
} from '../../src/report/series-report.js';
import { cannedProvider, hostileAnswer, normalAnswer, spikySeries } from './helpers.js';

const hostileId = 'pump<b>7</b>';
let dir: string;
let written: WriteSeriesReportsResult;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anomscope-hostile-'));
  const provider = cannedProvider({ [hostileId]: hostileAnswer }, normalAnswer);
  written = await writeSeriesReports(
    [spikySeries(hostileId, { withTime: true }), spikySeries('calm')],
    {
      outDir: dir,
      detect: { provider, task: 'diagnose' },
      labels: new Map([
        [
          hostileId,
          {
            seriesId: hostileId,
            anomalous: true,
            intervals: [
              [62, 63],
              [140, 160],
            ],
            channels: null,
            category: null,
            explanation: '<script>alert(5)</script>',
          },
        ],
      ]),
      now: () => Date.UTC(2025, 0, 2, 3, 4, 5),
    },
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

describe('untrusted model text', () => {
  it('is escaped in the HTML report and cannot change the page structure', async () => {
    const report = written.reports[0];
    expect(report?.dir).toBe(join(dir, 'pump_b_7__b_'));
    const html = await readFile(report?.html ?? '', 'utf8');
    expect(html).not.toMatch(/<script|<iframe|<img src=x|<style>body/i);
    expect(count(html, /<style>/g)).toBe(1);
    expect(count(html, /<\/main>/g)).toBe(1);
    expect(count(html, /<table/g)).toBe(count(html, /<\/table>/g));
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; spike &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;img src=x onerror=alert(2)&gt;',
    );
    expect(html).toContain('<h1>Anomaly report: pump&lt;b&gt;7&lt;/b&gt;</h1>');
    const anomalies = html.slice(
      html.indexOf('<table class="anomalies">'),
      html.indexOf('</table>', html.indexOf('<table class="anomalies">')),
    );
    expect(count(anomalies, /<tr>/g)).toBe(3); // header + 2 anomalies
    // every image is inline; nothing is fetched
    expect(count(html, /<img /g)).toBe(
      count(html, /<img class="(plot|zoom)" src="data:image\/png;base64,/g),
    );
    expect(count(html, /class="zoom"/g)).toBe(2);
    expect(html).toContain(
      "Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\"",
    );
  });

  it('shows indices, timestamps, categories with definitions, scores and the footer', async () => {
    const html = await readFile(written.reports[0]?.html ?? '', 'utf8');
    expect(html).toContain('<td class="nowrap">60–64 (5 points)</td>');
    expect(html).toContain(
      '<span class="nowrap">2024-05-01 00:30:00</span> → <span class="nowrap">2024-05-01 00:32:00</span>',
    );
    expect(html).toContain(
      '<strong>Sudden Spike Anomaly</strong><div class="definition">A sharp, short-lived jump up or down that quickly reverts.</div>',
    );
    expect(html).toMatch(/<td>affiliation F1<\/td><td class="num">0\.\d{3}<\/td>/);
    expect(html).toContain(
      '<dt>model</dt><dd>canned:model-1</dd><dt>prompt</dt><dd>structured-diagnose v1</dd><dt>tokens</dt><dd>1,200 in / 80 out</dd>',
    );
    expect(html).toContain('<dt>latency</dt><dd>840 ms</dd>');
    expect(html).toContain('2025-01-02 03:04:05 UTC by anomscope');
  });

  it('is neutralised in Markdown: no HTML, no links, no broken table rows', async () => {
    const markdown = await readFile(written.reports[0]?.markdown ?? '', 'utf8');
    expect(markdown).not.toMatch(/<script|<iframe|<img|<style|(?<!\\)\]\(javascript/i);
    expect(markdown).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(markdown).toContain('\\[link\\](javascript:alert(3))');
    const table = markdown
      .slice(markdown.indexOf('| # |'), markdown.indexOf('## Close-ups'))
      .trim()
      .split('\n');
    expect(table).toHaveLength(4);
    expect(table.every((line) => line.startsWith('| ') && line.endsWith(' |'))).toBe(true);
    expect(table[3]).toContain('\\| a \\| b \\| # heading');
    expect(table[2]).toContain('| 92.0% |');
    expect(markdown).toContain('![Close-up of anomaly 2](anomaly-2.png)');
  });

  it('writes a clear "no anomaly found" report and an index of both series', async () => {
    const calm = await readFile(written.reports[1]?.html ?? '', 'utf8');
    expect(calm).toContain('<div class="verdict normal" id="verdict">No anomaly found</div>');
    expect(calm).toContain('<p id="no-anomaly"><strong>No anomaly found.</strong>');
    expect(calm).not.toContain('class="zoom"');
    expect(written.index).toBe(join(dir, 'index.html'));
    const index = await readFile(written.index ?? '', 'utf8');
    expect(index).toContain('<a href="pump_b_7__b_/report.html">pump&lt;b&gt;7&lt;/b&gt;</a>');
    expect(index).toContain('<a href="calm/report.html">calm</a>');
    expect(index).not.toMatch(/<script/i);
  });
});
