import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestRows, resultRowSchema, type ResultRow } from '../bench/result-row.js';
import { readJsonl } from '../bench/results-file.js';
import { runBench } from '../bench/run.js';
import type { Suite } from '../bench/suite.js';
import { createProvider } from '../providers/registry.js';
import { writeRunReport } from './run-report.js';

const suite: Suite = {
  id: 'tiny',
  description: 'Two small tracks for the run report test.',
  models: ['baseline'],
  sampling: {},
  tracks: [
    {
      name: 'vta-global',
      dataset: { generator: 'vta', kind: 'univariate', type: 'global', count: 3, seed: 0 },
      task: 'point',
      prompts: ['vta-point'],
      modalities: ['image'],
      vtaLook: false,
      scoring: 'vta',
      hints: 'none',
    },
    {
      name: 'anomllm-range',
      dataset: { generator: 'anomllm', type: 'range', count: 3, seed: 42 },
      task: 'range',
      prompts: ['anomllm-range'],
      modalities: ['image'],
      vtaLook: false,
      scoring: 'anomllm',
      hints: 'none',
    },
  ],
};

let dir: string;
let runDir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anomscope-run-report-'));
  runDir = join(dir, 'runs', 'tiny-1');
  await runBench({
    suite,
    providers: [createProvider('baseline', { env: {} })],
    runDir,
    concurrency: 2,
    now: () => 0,
  });
  // One hostile answer: a parse failure whose raw text is markup.
  const { rows } = await readJsonl(join(runDir, 'results.jsonl'));
  const first = resultRowSchema.parse(rows[0]);
  const hostile: ResultRow = {
    ...first,
    status: 'parse_error',
    answer: null,
    intervals: null,
    channels: null,
    category: null,
    rawText: '</pre></table><script>alert(1)</script><img src=x onerror=alert(2)>',
    error: { code: 'content.unparseable', message: 'no JSON <b>here</b>' },
  };
  await writeFile(
    join(runDir, 'results.jsonl'),
    `${rows.map((row) => JSON.stringify(row)).join('\n')}\n${JSON.stringify(hostile)}\n`,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeRunReport', () => {
  it('writes leaderboard tables, the chart and the worst cases with the model answer escaped', async () => {
    const files = await writeRunReport({
      runDir,
      worstPerTrack: 2,
      now: () => Date.UTC(2025, 0, 2, 3, 4, 5),
    });
    expect(files.html).toBe(join(runDir, 'report', 'index.html'));
    const html = await readFile(files.html, 'utf8');
    const markdown = await readFile(files.markdown, 'utf8');
    // one leaderboard table per track, each with the model row and the trivial baselines
    expect(html.match(/<table class="leaderboard">/g)).toHaveLength(2);
    // the page does not scroll sideways: a compact table per track, every column folded away
    expect(html.match(/<table class="leaderboard compact">/g)).toHaveLength(2);
    expect(html.match(/<details>/g)).toHaveLength(2);
    // navigation to each section and track, and the anchors it points at
    for (const target of [
      'overview',
      'leaderboard',
      'worst',
      'track-vta-global',
      'worst-anomllm-range',
    ])
      expect(html).toContain(`href="#${target}"`);
    expect(html).toContain('<h3 id="track-anomllm-range">anomllm-range</h3>');
    // per-track overview: a row per track and the overall row, the model as a column
    const overview = html.slice(html.indexOf('<table class="overview">'));
    expect(overview.slice(0, overview.indexOf('</table>'))).toMatch(
      /<th class="num">baseline · numbers<\/th>[\s\S]*<td>vta-global<\/td>[\s\S]*<td>overall<\/td>/,
    );
    // per-category breakdown: VTA's global series are one category, three series
    expect(html).toMatch(/<td>global<\/td><td class="num">3<\/td><td class="num">[\d.]+%<\/td>/);
    expect(markdown).toContain('## Overview by track');
    expect(markdown).toContain('By category (mean headline score; failed answers count 0):');
    expect(markdown).toContain('### vta-global');
    expect(markdown).toMatch(/\| vta-global \| baseline \| vta-point@\d+ \|/);
    expect(html).toContain('generated 2025-01-02 03:04:05 UTC');
    // the replaced row is a parse failure: it ranks first on its track and its text is inert
    const first = resultRowSchema.parse((await readJsonl(join(runDir, 'results.jsonl'))).rows[0]);
    const failure = html.indexOf('no score: the answer could not be parsed');
    expect(failure).toBeGreaterThan(
      html.indexOf(`<h3 id="worst-${first.track}">${first.track}</h3>`),
    );
    expect(html).not.toMatch(/<script|<img src=x|<b>here/i);
    expect(html).toContain('&lt;/pre&gt;&lt;/table&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.match(/<table/g)?.length).toBe(html.match(/<\/table>/g)?.length);
    expect(markdown).toContain('```text\n</pre></table><script>alert(1)</script>');
    // pictures: the chart and one PNG per case, inline in the HTML and as files for the Markdown
    const cases = await readdir(join(runDir, 'report', 'cases'));
    expect(cases.length).toBe(files.cases);
    expect(files.cases).toBeGreaterThanOrEqual(1);
    expect(files.cases).toBeLessThanOrEqual(4);
    expect(html.match(/src="data:image\/png;base64,/g)?.length).toBe(files.cases + 1);
    expect(markdown).toContain('![Leaderboard chart](leaderboard.png)');
    const rows = latestRows(
      (await readJsonl(join(runDir, 'results.jsonl'))).rows.map((row) =>
        resultRowSchema.parse(row),
      ),
    );
    expect(rows.size).toBe(6);
  });

  it('names the folder when it is not a run', async () => {
    await expect(writeRunReport({ runDir: join(dir, 'nowhere') })).rejects.toMatchObject({
      code: 'run.not_found',
    });
  });
});
