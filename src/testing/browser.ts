import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Executable names tried on PATH, in order. */
const CANDIDATES = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'chrome',
];

/** Flags for a quiet headless Chromium in a container (no sandbox, no network chatter). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where Chromium was looked for and what was found. */
export interface ChromiumLookup {
  /** Path to an executable Chromium, or undefined when none was found. */
  executablePath: string | undefined;
  /** Why none was found (what was tried), for the skip line. */
  reason: string;
}

/**
 * Finds Chromium: `CHROMIUM_PATH` when set (it must exist), else the first of chromium,
 * chromium-browser, google-chrome, chrome on `PATH`.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const configured = env.CHROMIUM_PATH;
  if (configured !== undefined && configured !== '') {
    return existsSync(configured) && isExecutable(configured)
      ? { executablePath: configured, reason: '' }
      : {
          executablePath: undefined,
          reason: `CHROMIUM_PATH=${configured} is not an executable file`,
        };
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const name of CANDIDATES) {
      const path = join(dir, name);
      if (isExecutable(path)) return { executablePath: path, reason: '' };
    }
  }
  return {
    executablePath: undefined,
    reason: `none of ${CANDIDATES.join(', ')} is on PATH and CHROMIUM_PATH is unset`,
  };
}

/**
 * True when env `ANOMSCOPE_REQUIRE_BROWSER=1` (CI): a missing browser fails instead of skipping.
 */
export function browserRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.ANOMSCOPE_REQUIRE_BROWSER === '1';
}

/** The one line printed when browser tests are skipped. */
export function skipLine(lookup: ChromiumLookup): string {
  return (
    `\n!!! SKIPPING BROWSER TESTS: no Chromium (${lookup.reason}). Install one ` +
    '(apt-get install -y chromium) or set CHROMIUM_PATH; ANOMSCOPE_REQUIRE_BROWSER=1 makes this a failure.\n'
  );
}

/**
 * For a browser test file: the Chromium to use, or undefined to skip (`describe.skipIf`). Throws
 * when none is found and a browser is required. The loud skip line is printed once per run by
 * the global setup (`src/testing/browser-setup.ts`), not by every file.
 */
export function chromiumForTests(): string | undefined {
  const lookup = findChromium();
  if (lookup.executablePath === undefined && browserRequired()) {
    throw new Error(`ANOMSCOPE_REQUIRE_BROWSER=1 but no Chromium was found: ${lookup.reason}`);
  }
  return lookup.executablePath;
}

/** Launches headless Chromium at `executablePath` with the flags every browser test uses. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}
