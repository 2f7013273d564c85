import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
