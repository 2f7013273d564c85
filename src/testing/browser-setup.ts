import { browserRequired, findChromium, skipLine } from './browser.js';

/**
 * Vitest global setup: says once per run, loudly, that browser tests will be skipped, or fails
 * the run when `ANOMSCOPE_REQUIRE_BROWSER=1` and no Chromium is found.
 */
export default function setup(): void {
  const lookup = findChromium();
  if (lookup.executablePath !== undefined) return;
  if (browserRequired()) {
    throw new Error(`ANOMSCOPE_REQUIRE_BROWSER=1 but no Chromium was found: ${lookup.reason}`);
  }
  process.stderr.write(skipLine(lookup));
}
