/**
 * Shared set-up of the review page's Chromium tests: a temp folder, a ReviewStore holding the
 * file's items, a review server and a browser, all torn down after the file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startReviewServer, type ReviewServer } from '../../src/review/server.js';
import { ReviewStore } from '../../src/review/store.js';
import type { ReviewItemInput } from '../../src/review/types.js';
import { chromiumForTests, launchChromium } from '../../src/testing/browser.js';

/** What a review page test reaches: filled in by `beforeAll`, so read it inside tests. */
export interface ReviewPageHarness {
  /** Undefined when no Chromium is found: skip the file (global setup says so once). */
  readonly chromiumPath: string | undefined;
  store: ReviewStore;
  server: ReviewServer;
  browser: Browser;
}

/**
 * Registers `beforeAll`/`afterAll` hooks that serve `items()` to reviewer alice and launch
 * Chromium; does nothing when no Chromium is found.
 */
export function useReviewPage(options: {
  /** Prefix of the temp folder's name. */
  prefix: string;
  items: () => ReviewItemInput[];
}): ReviewPageHarness {
  const chromiumPath = chromiumForTests();
  // Fields are set in beforeAll; tests run after it, and are skipped when Chromium is missing.
  const harness = { chromiumPath } as ReviewPageHarness;
  let dir: string | undefined;
  beforeAll(async () => {
    if (chromiumPath === undefined) return;
    dir = mkdtempSync(join(tmpdir(), options.prefix));
    harness.store = ReviewStore.open(join(dir, 'review.sqlite'));
    harness.store.addItems(options.items());
    harness.server = await startReviewServer({ store: harness.store, reviewer: 'alice' });
    harness.browser = await launchChromium(chromiumPath);
  });
  afterAll(async () => {
    const { browser, server, store } = harness as Partial<ReviewPageHarness>;
    await browser?.close();
    await server?.close();
    store?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });
  return harness;
}

/**
 * Waits for a value in the page (or the store) to settle; the page saves asynchronously. Generous
 * for a loaded 2-core machine.
 */
export function poll<T>(read: () => T | Promise<T>): ReturnType<typeof expect.poll<T>> {
  return expect.poll(read, { timeout: 15_000, interval: 25 });
}

/** Drags the mouse from one screen point to another in a few steps, as a hand would. */
export async function drag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, to.y, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 3 });
  await page.mouse.up();
}
