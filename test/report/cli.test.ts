import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerReportCommand } from '../../src/cli/report.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anomscope-report-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function program(): Command {
  const root = new Command('anomscope').exitOverride();
  registerReportCommand(root);
  return root;
}

describe('anomscope report', () => {
  it('writes report.md, report.html and the PNGs for a series file, with scores from --labels', async () => {
    const out = join(dir, 'one');
    await program().parseAsync(
      [
        'report',
        'fixtures/series/example.csv',
        '--labels',
        'fixtures/labels/examples.json',
        '--out',
        out,
        '--no-cache',
      ],
      { from: 'user' },
    );
    expect(await readdir(out)).toEqual(['example']);
    const files = await readdir(join(out, 'example'));
    expect(files).toEqual(
      expect.arrayContaining(['report.html', 'report.md', 'plot.png', 'anomaly-1.png']),
    );
    const markdown = await readFile(join(out, 'example', 'report.md'), 'utf8');
    expect(markdown).toContain('## Compared with the label');
    expect(markdown).toContain('- **model:** baseline');
  });

  it('says once that a series has no label (NAB windows of one of two series)', async () => {
    const windows = JSON.parse(
      await readFile('fixtures/nab/combined_windows.json', 'utf8'),
    ) as Record<string, unknown>;
    const key = 'realKnownCause/ec2_request_latency_system_failure.csv';
    const labels = join(dir, 'one-window.json');
    await writeFile(labels, JSON.stringify({ [key]: windows[key] }));
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      await program().parseAsync(
        [
          'report',
          'fixtures/nab/data',
          '--labels',
          labels,
          '--zooms',
          '0',
          '--out',
          join(dir, 'nab'),
        ],
        { from: 'user' },
      );
    } finally {
      spy.mockRestore();
    }
    expect(lines.filter((line) => line.includes('art_daily_jumpsup'))).toEqual([
      `warning: ${labels}: 1 series have no label: artificialWithAnomaly/art_daily_jumpsup\n`,
    ]);
  });

  it('--zooms limits the close-ups to the most confident anomalies (3 found here)', async () => {
    const out = join(dir, 'zooms');
    await program().parseAsync(
      ['report', 'fixtures/series/example.csv', '--zooms', '1', '--out', out, '--no-cache'],
      { from: 'user' },
    );
    const files = await readdir(join(out, 'example'));
    expect(files.filter((file) => /^anomaly-\d+\.png$/.test(file))).toHaveLength(1);
  });

  it('refuses both a series file and --run, naming what to give', async () => {
    await expect(
      program().parseAsync(['report', 'fixtures/series/example.csv', '--run', 'runs/x'], {
        from: 'user',
      }),
    ).rejects.toMatchObject({ code: 'cli.bad_flag' });
    await expect(program().parseAsync(['report'], { from: 'user' })).rejects.toMatchObject({
      code: 'cli.bad_flag',
    });
  });
});
