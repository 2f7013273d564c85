import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerReviewCommand } from '../../src/cli/review.js';
import { applyWrite } from '../../src/review/actions.js';
import { ReviewStore, type StoredItem } from '../../src/review/store.js';
import { sampleItems } from './helpers.js';

let dir: string;
let db: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'review-cli-'));
  db = join(dir, 'review.sqlite');
  const store = ReviewStore.open(db);
  store.addItems(sampleItems());
  const label = {
    anomalous: true,
    intervals: [[40, 50]] as [number, number][],
    channels: null,
    category: 'Sudden Spike Anomaly',
    explanation: null,
  };
  for (const reviewer of ['alice', 'bob']) {
    applyWrite(store, store.getItem(1) as StoredItem, reviewer, {
      baseVersion: 0,
      action: 'edit',
      label,
    });
    applyWrite(store, store.getItem(3) as StoredItem, reviewer, {
      baseVersion: 0,
      action: reviewer === 'alice' ? 'normal' : 'edit',
      label: { ...label, intervals: [[10, 20]] },
    });
  }
  store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const program = new Command('anomscope').exitOverride();
  registerReviewCommand(program);
  let stdout = '';
  let stderr = '';
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return { stdout, stderr };
}

describe('anomscope review (CLI)', () => {
  it("exports one reviewer's labels and imports them into another store", async () => {
    const out = join(dir, 'alice.json');
    const { stderr } = await run(
      'review',
      'export',
      '--db',
      db,
      '--format',
      'anomscope',
      '--out',
      out,
      '--reviewer',
      'alice',
    );
    expect(stderr).toBe(`wrote 2 labels to ${out}; left out 1 unreviewed\n`);
    const labels = JSON.parse(readFileSync(out, 'utf8')) as {
      seriesId: string;
      category: string;
    }[];
    expect(labels.map((l) => [l.seriesId, l.category])).toEqual([
      ['s1', 'Sudden Spike Anomaly'],
      ['s3', 'Normal Sequence'],
    ]);
    await expect(
      run('review', 'export', '--db', db, '--format', 'anomscope', '--out', out),
    ).rejects.toThrow(/several reviewers \(alice, bob\)/);
    const imported = await run(
      'review',
      'import',
      '--db',
      db,
      '--format',
      'anomscope',
      '--in',
      out,
      '--reviewer',
      'carol',
    );
    expect(imported.stderr).toBe('imported 2 labels as carol\n');
  });

  it.each([
    ['export', '--format', 'anomscope', '--out', 'never.json'],
    ['stats', '--format', 'json'],
  ])('review %s on a mistyped --db names the path and creates nothing', async (verb, ...rest) => {
    const typo = join(dir, 'typo.sqlite');
    const args = rest.map((arg) => (arg === 'never.json' ? join(dir, arg) : arg));
    await expect(run('review', verb, '--db', typo, ...args)).rejects.toThrow(
      `review store ${typo} does not exist`,
    );
    expect(existsSync(typo)).toBe(false);
    expect(existsSync(`${typo}-wal`)).toBe(false);
  });

  it('prints agreement between two named reviewers', async () => {
    const { stdout } = await run(
      'review',
      'stats',
      '--db',
      db,
      '--reviewers',
      'alice,bob',
      '--format',
      'json',
    );
    const stats = JSON.parse(stdout) as {
      items: { itemId: number; intervalF1: number; categoryAgree: boolean }[];
      categoryAgreement: number;
    };
    // Item 1: same label. Item 3: alice says normal (no intervals), bob marks [10, 20): F1 0,
    // categories differ.
    expect(stats.items.map((i) => [i.itemId, i.intervalF1, i.categoryAgree])).toEqual([
      [1, 1, true],
      [3, 0, false],
    ]);
    expect(stats.categoryAgreement).toBe(0.5);
    const table = await run('review', 'stats', '--db', db, '--reviewers', 'alice,bob');
    expect(table.stdout).toContain('interval affiliation F1 (alice as truth), mean: 0.500');
  });
});
