/**
 * Runs the Python ports in `bench/python/` (stdlib only) on JSON-lines cases. The comparison
 * scripts and the claims test skip with one loud line when `/usr/bin/python3` is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The interpreter the comparisons use (the system one; no virtualenv, no packages). */
export const PYTHON = '/usr/bin/python3';

/** The line printed when the Python side cannot run. */
export const PYTHON_MISSING =
  `SKIPPED: ${PYTHON} is not installed, ` + 'so nothing was compared with the published Python.';

/** True when the Python side can run. */
export function pythonAvailable(): boolean {
  return existsSync(PYTHON);
}

/** Path of `bench/python/compare_driver.py`, from the sources or from `dist/bench/claims`. */
export function driverPath(): string {
  for (const relative of [
    '../python/compare_driver.py',
    '../../../bench/python/compare_driver.py',
  ]) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('bench/python/compare_driver.py not found next to the bench scripts');
}

/** Sends every case to the Python driver in one process and returns its answers in order. */
export function runPython(cases: readonly object[]): unknown[] {
  const result = spawnSync(PYTHON, [driverPath()], {
    input: cases.map((each) => JSON.stringify(each)).join('\n') + '\n',
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: {
      ...process.env,
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONIOENCODING: 'utf-8',
      PYTHONUTF8: '1',
    },
  });
  if (result.status !== 0) {
    throw new Error(
      `${PYTHON} ${driverPath()} failed (${String(result.status)}): ${result.stderr.slice(-2000)}`,
    );
  }
  const lines = result.stdout.split('\n').filter((line) => line !== '');
  if (lines.length !== cases.length) {
    throw new Error(`the Python driver answered ${lines.length} of ${cases.length} cases`);
  }
  return lines.map((line) => JSON.parse(line) as unknown);
}

/** Encodes one of our values as the driver encodes Python's (NaN and infinities as strings). */
export function encodeLikePython(value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (value === Number.POSITIVE_INFINITY) return 'Infinity';
    if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
    return value;
  }
  if (Array.isArray(value)) return value.map(encodeLikePython);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, encodeLikePython(inner)]),
    );
  }
  return value;
}
