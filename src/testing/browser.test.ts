import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { browserRequired, findChromium, skipLine } from './browser.js';

const dir = mkdtempSync(join(tmpdir(), 'anomscope-browser-find-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function executable(name: string): string {
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

describe('findChromium', () => {
  it('takes CHROMIUM_PATH when it is an executable file', () => {
    const path = executable('my-chrome');
    expect(findChromium({ CHROMIUM_PATH: path, PATH: '' }).executablePath).toBe(path);
  });

  it('reports a CHROMIUM_PATH that does not exist instead of falling back to PATH', () => {
    const onPath = executable('chromium');
    const lookup = findChromium({ CHROMIUM_PATH: join(dir, 'nope'), PATH: dir });
    expect(lookup.executablePath).toBeUndefined();
    expect(lookup.reason).toContain('nope');
    expect(findChromium({ PATH: dir }).executablePath).toBe(onPath);
  });

  it('finds nothing on an empty PATH and says what it tried in one line', () => {
    const lookup = findChromium({ PATH: join(dir, 'empty') });
    expect(lookup.executablePath).toBeUndefined();
    expect(skipLine(lookup).trim().split('\n')).toHaveLength(1);
    expect(skipLine(lookup)).toMatch(/SKIPPING BROWSER TESTS.*chromium-browser.*CHROMIUM_PATH/);
  });

  it('a missing browser is a failure only when ANOMSCOPE_REQUIRE_BROWSER=1', () => {
    expect(browserRequired({ ANOMSCOPE_REQUIRE_BROWSER: '1' })).toBe(true);
    expect(browserRequired({})).toBe(false);
  });
});
