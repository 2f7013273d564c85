import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerReportCommand } from '../../src/cli/report.js';
import { DetectError } from '../../src/detect/detect.js';
import { InputError } from '../../src/errors.js';
import {
  writeSeriesReports,
  type WriteSeriesReportsResult,
} from '../../src/report/series-report.js';
import { startStandin, type Standin } from '../../src/testing/standin-server.js';
import { brokenAnswer, cannedProvider, normalAnswer, spikeAnswer, spikySeries } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anomscope-report-failure-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

describe('writeSeriesReports with a series that fails', () => {
  let out: string;
  let written: WriteSeriesReportsResult;
  const seen: string[] = [];
  beforeAll(async () => {
    out = join(dir, 'lib');
    // "bad" answers text that is no answer, twice (the first turn and the repair turn).
    const provider = cannedProvider({ bad: brokenAnswer, spike: spikeAnswer }, normalAnswer);
    written = await writeSeriesReports(
      [spikySeries('spike'), spikySeries('bad'), spikySeries('calm')],
      {
        outDir: out,
        detect: { provider, task: 'diagnose' },
        now: () => Date.UTC(2025, 0, 2, 3, 4, 5),
        onReport: (entry) => seen.push(`ok:${entry.seriesId}`),
        onFailure: (entry) => seen.push(`failed:${entry.seriesId}`),
      },
    );
  });

  it('goes on with the next series and returns the failure beside the reports', () => {
    expect(seen).toEqual(['ok:spike', 'failed:bad', 'ok:calm']);
    expect(written.reports.map((report) => report.seriesId)).toEqual(['spike', 'calm']);
    expect(written.failures).toHaveLength(1);
    const [failed] = written.failures;
    expect(failed?.error).toBeInstanceOf(DetectError);
    expect(failed?.failure).toMatchObject({
      model: 'canned:model-1',
      code: failed?.error.code,
      rawText: brokenAnswer,
      length: 200,
    });
    expect(failed?.failure.code).toMatch(/^content\./);
  });

  it('writes a page saying what failed, the raw text escaped, and what the two turns spent', async () => {
    const failed = written.failures[0];
    expect(await readdir(failed?.dir ?? '')).toEqual(['report.html', 'report.md']);
    const html = await readFile(failed?.html ?? '', 'utf8');
    expect(html).toContain('<h1>Anomaly report: bad</h1>');
    expect(html).toContain(
      `<div class="verdict failed" id="verdict">Failed: ${failed?.error.code}</div>`,
    );
    expect(html).toContain(
      '<p class="summary" id="error-message">No report: canned:model-1 on series &quot;bad&quot;: ',
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(
      '<pre class="raw" id="raw-text">Sure! &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; ```json\n{&quot;anomalous&quot;: &quot;maybe&quot;}\n```</pre>',
    );
    expect(html).toMatch(/<ul id="issues"><li>[^<]*anomalous[^<]*<\/li>/);
    // Two turns of the canned provider: 2 × (1,200 in / 80 out), 2 × 840 ms, no price known.
    expect(html).toContain(
      '<dt>model</dt><dd>canned:model-1</dd><dt>prompt</dt><dd>structured-diagnose v1</dd><dt>attempts</dt><dd>2</dd><dt>tokens</dt><dd>2,400 in / 160 out</dd><dt>cost</dt><dd>unknown</dd><dt>latency</dt><dd>1.7 s</dd>',
    );
    expect(html).toContain('<a href="../index.html">← all series</a>');

    const markdown = await readFile(failed?.markdown ?? '', 'utf8');
    expect(markdown).toContain(`**Failed: ${failed?.error.code.replace(/_/g, '\\_')}.**`);
    // Verbatim in a fence longer than the answer's own backticks, so it cannot close early.
    expect(markdown).toContain(
      '````text\nSure! <script>alert("x")</script> ```json\n{"anomalous": "maybe"}\n```\n````',
    );
    expect(markdown).toContain('- **tokens:** 2,400 in / 160 out');
    expect(markdown).toContain('- **cost:** unknown');
  });

  it('lists the failed series in index.html with a "failed" status', async () => {
    const index = await readFile(written.index ?? '', 'utf8');
    const rows = index
      .slice(index.indexOf('<tbody>'), index.indexOf('</tbody>'))
      .split('\n')
      .filter((line) => line.startsWith('<tr>'));
    // three series and the mean row over the two that have a report
    expect(rows).toHaveLength(4);
    expect(rows[3]).toContain('<td><strong>mean</strong></td>');
    expect(rows[0]).toContain(
      '<td><a href="spike/report.html">spike</a></td><td><span class="status ok">ok</span></td>',
    );
    expect(rows[1]).toContain(
      '<td><a href="bad/report.html">bad</a></td><td><span class="status failed">failed</span></td><td class="num">200</td><td class="num">1</td>',
    );
    expect(rows[1]).toContain(
      `<td>Failed: ${written.failures[0]?.error.code}</td><td class="num">—</td><td class="num">—</td><td>—</td><td class="num">1.7 s</td>`,
    );
    expect(rows[2]).toContain('<span class="status ok">ok</span>');
    expect(index).toContain('3 series · 1 with anomalies · 1 failed · model canned:model-1');
    expect(count(index, /<script/gi)).toBe(0);
  });

  it('with detectAhead, asks for later series before writing and writes the same, in order', async () => {
    const provider = cannedProvider({ bad: brokenAnswer, spike: spikeAnswer }, normalAnswer);
    const order: string[] = [];
    const asked = (): number => provider.requests.filter((r) => r.messages.length === 1).length;
    const ahead = await writeSeriesReports(
      [spikySeries('spike'), spikySeries('bad'), spikySeries('calm')],
      {
        outDir: join(dir, 'ahead'),
        detect: { provider, task: 'diagnose' },
        detectAhead: 2,
        now: () => Date.UTC(2025, 0, 2, 3, 4, 5),
        // every series was asked before the first report was written
        onReport: (entry) => order.push(`ok:${entry.seriesId}:${asked()}`),
        onFailure: (entry) => order.push(`failed:${entry.seriesId}`),
      },
    );
    expect(order).toEqual(['ok:spike:3', 'failed:bad', 'ok:calm:3']);
    for (const [index, report] of ahead.reports.entries()) {
      const before = written.reports[index]!;
      expect(await readFile(report.html, 'utf8')).toBe(await readFile(before.html, 'utf8'));
    }
    expect(ahead.failures.map((entry) => entry.seriesId)).toEqual(['bad']);
  });

  it('still throws what is not a series failure (bad options)', async () => {
    const provider = cannedProvider({}, normalAnswer);
    await expect(
      writeSeriesReports([spikySeries('a')], {
        outDir: join(dir, 'opts'),
        detect: { provider, prompt: 'no-such-prompt' },
      }),
    ).rejects.toBeInstanceOf(InputError);
  });
});

describe('anomscope report against a provider that answers 400 for one series', () => {
  let standin: Standin;
  beforeAll(async () => {
    standin = await startStandin();
  });
  afterAll(async () => {
    await standin.close();
  });

  it('writes every page, marks the failed one and exits with "2 reports written, 1 failed"', async () => {
    const input = join(dir, 'series');
    await mkdir(input, { recursive: true });
    const csv = `value\n${Array.from({ length: 60 }, (_, t) => (t === 30 ? 9 : Math.sin(t / 3)).toFixed(4)).join('\n')}\n`;
    for (const name of ['a', 'b', 'c']) await writeFile(join(input, `${name}.csv`), csv);
    let calls = 0;
    standin.setHandler('POST /v1/chat/completions', () => {
      calls += 1;
      if (calls === 2)
        return {
          status: 400,
          body: {
            error: {
              message: 'Invalid image: <b>too small</b>',
              type: 'invalid_request_error',
              code: 'invalid_image',
            },
          },
        };
      return {
        body: {
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: normalAnswer },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 900, completion_tokens: 40 },
        },
      };
    });
    const out = join(dir, 'cli');
    const root = new Command('anomscope').exitOverride();
    registerReportCommand(root);
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr: string[] = [];
    const err = vi
      .spyOn(process.stderr, 'write')
      .mockImplementation((chunk: string | Uint8Array) => {
        stderr.push(String(chunk));
        return true;
      });
    let thrown: unknown;
    try {
      await root.parseAsync(
        [
          'report',
          input,
          '--provider',
          `openai-compatible:m@${standin.url}/v1`,
          '--out',
          out,
          '--no-cache',
          '--timeout-ms',
          '10000',
        ],
        { from: 'user' },
      );
    } catch (error) {
      thrown = error;
    } finally {
      stdout.mockRestore();
      err.mockRestore();
    }
    expect(thrown).toMatchObject({
      code: 'report.series_failed',
      message: '2 reports written, 1 failed (their pages say why)',
    });
    expect(calls).toBe(3); // a 400 is not retried; c is still asked
    expect(stderr.join('')).toMatch(/^b: failed \[provider\.\w+\] /m);
    expect((await readdir(out)).sort()).toEqual(['a', 'b', 'c', 'index.html']);
    const page = await readFile(join(out, 'b', 'report.html'), 'utf8');
    expect(page).toMatch(/<div class="verdict failed" id="verdict">Failed: provider\.\w+<\/div>/);
    expect(page).not.toContain('<b>');
    expect(page).not.toContain('id="raw-text"'); // no model text came back
    expect(page).toContain('<dt>tokens</dt><dd>not reported</dd>');
    const index = await readFile(join(out, 'index.html'), 'utf8');
    expect(count(index, /<span class="status failed">failed<\/span>/g)).toBe(1);
    expect(count(index, /<span class="status ok">ok<\/span>/g)).toBe(2);
    expect(await readFile(join(out, 'c', 'report.md'), 'utf8')).toContain(
      '- **tokens:** 900 in / 40 out',
    );
  });
});
