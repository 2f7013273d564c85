import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFreshDist } from '../../src/testing/built.js';

const root = join(import.meta.dirname, '../..');
const cli = join(root, 'dist/src/cli/main.js');
const nab = join(root, 'fixtures/nab');
const skabLike = join(root, 'fixtures/columns/skab-like.csv');

let dir: string;
beforeAll(async () => {
  // runs the built CLI: a missing or stale dist/ would test old code
  assertFreshDist(root);
  dir = await mkdtemp(join(tmpdir(), 'anomscope-bad-input-'));
  execFileSync('mkfifo', [join(dir, 'pipe.csv')]);
  await symlink('/dev/urandom', join(dir, 'random.csv'));
  await writeFile(join(dir, 'only-labels.csv'), 'label\n0\n1\n0\n');
  await writeFile(join(dir, 'labels.json'), '{"realKnownCause/x.csv": [["not a time", "2014"]]}');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bad real-data input through the built CLI', () => {
  it.each([
    [['detect', 'pipe.csv', '--provider', 'baseline'], /pipe\.csv: this is a named pipe/],
    [['render', 'random.csv'], /random\.csv: this is a character device/],
    [['detect', skabLike, '--columns', 'nope'], /skab-like\.csv: nope: --columns names "nope"/],
    [['render', 'only-labels.csv'], /only-labels\.csv: label: every column/],
    [['bench', '--labels', 'labels.json'], /--labels works with --data/],
    [['bench', '--data', join(nab, 'data'), '--stride', '5'], /--stride needs --window/],
    [['bench', '--data', join(nab, 'data'), '--labels', 'labels.json'], /labels\.json/],
    [['bench', '--data', join(nab, 'data'), '--labels', 'missing.json'], /missing\.json/],
    [['bench', '--data', 'nowhere'], /nowhere: no such file or folder/],
  ])('anomscope %j: exit 2, a located message, no stack trace', (args, message) => {
    const runsDir = args[0] === 'bench' ? ['--runs-dir', join(dir, 'runs')] : [];
    const run = spawnSync(process.execPath, [cli, ...args, ...runsDir], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
