import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { rawRequest, sampleItems } from '../../test/review/helpers.js';
import { startReviewServer } from './server.js';
import { ReviewStore } from './store.js';
import type { HistoryEntry } from './types.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const children: ChildProcess[] = [];
const dir = mkdtempSync(join(tmpdir(), 'review-durable-'));
afterAll(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/**
 * True when `dist/` holds a build of every review module at least as new as its source (CI builds
 * before testing); otherwise the child runs the sources through a transpiling loader, slower to
 * start.
 */
function distIsFresh(): boolean {
  const sources = readdirSync(join(root, 'src/review')).filter(
    (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
  );
  return sources.every((name) => {
    const built = join(root, 'dist/src/review', name.replace(/\.ts$/, '.js'));
    return (
      existsSync(built) &&
      statSync(built).mtimeMs >= statSync(join(root, 'src/review', name)).mtimeMs
    );
  });
}

/** Starts the server on a store in a separate Node process. */
async function startChild(
  dbPath: string,
): Promise<{ child: ChildProcess; origin: string; token: string }> {
  const args = distIsFresh()
    ? ['test/review/serve-child.mjs', dbPath, 'dist']
    : ['--import', './test/review/register-ts.mjs', 'test/review/serve-child.mjs', dbPath, 'src'];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) =>
      reject(new Error(`server child exited (${code}) before starting: ${stderr}`)),
    );
  });
  const { origin, token } = JSON.parse(first) as { origin: string; token: string };
  return { child, origin, token };
}

describe('durability', () => {
  it('keeps every acknowledged write when the server is killed with SIGKILL mid-stream', async () => {
    const dbPath = join(dir, 'review.sqlite');
    const setup = ReviewStore.open(dbPath);
    setup.addItems(sampleItems());
    setup.close();

    const { child, origin, token } = await startChild(dbPath);
    const acked: { itemId: number; version: number; explanation: string }[] = [];
    let stop = false;
    let killed!: () => void;
    const enough = new Promise<void>((resolve) => (killed = resolve));
    // Three writers, one per item, each sending its next write as soon as the last is acknowledged.
    const writer = async (itemId: number): Promise<void> => {
      let version = 0;
      for (let n = 0; !stop; n += 1) {
        const explanation = `item ${itemId} write ${n}`;
        let response;
        try {
          response = await rawRequest(origin, {
            method: 'POST',
            path: `/api/items/${itemId}/label`,
            token,
            body: {
              baseVersion: version,
              action: 'edit',
              label: {
                anomalous: true,
                intervals: [[n % 50, (n % 50) + 3]],
                channels: null,
                category: 'Point Anomaly',
                explanation,
              },
            },
          });
        } catch {
          return; // the server died with this request in flight: not acknowledged
        }
        if (response.status !== 200)
          throw new Error(`write answered ${response.status}: ${JSON.stringify(response.body)}`);
        version = (response.body as { current: { version: number } }).current.version;
        acked.push({ itemId, version, explanation });
        if (acked.length >= 90) killed();
      }
    };
    const writers = [1, 2, 3].map(writer);
    await enough;
    child.kill('SIGKILL');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await Promise.all(writers);
    stop = true;
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(90);

    // Restart (in this process: only the killed server had to be a separate one) and read back over
    // HTTP.
    const integrity = new Database(dbPath, { readonly: true });
    expect(integrity.pragma('integrity_check', { simple: true })).toBe('ok');
    integrity.close();
    const store = ReviewStore.open(dbPath);
    const restarted = await startReviewServer({ store });
    for (const itemId of [1, 2, 3]) {
      const history = (
        await rawRequest(restarted.origin, {
          path: `/api/items/${itemId}/history`,
          token: restarted.token,
        })
      ).body as HistoryEntry[];
      const mine = acked.filter((a) => a.itemId === itemId);
      // Every acknowledged write is there, with its version; versions have no gaps.
      for (const ack of mine)
        expect(history.find((e) => e.version === ack.version)?.label?.explanation).toBe(
          ack.explanation,
        );
      expect(history.map((e) => e.version)).toEqual(history.map((_, i) => i + 1));
      expect(history.length - mine.length).toBeLessThanOrEqual(1);
    }
    await restarted.close();
    store.close();
  });
});
