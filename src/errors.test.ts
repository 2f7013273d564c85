import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  contentErrorCodes,
  errorCodes,
  inputErrorCodes,
  isErrorCode,
  providerErrorCodes,
  runErrorCodes,
  type ErrorCode,
} from './errors.js';

const srcDir = fileURLToPath(new URL('.', import.meta.url));
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** Library sources: no tests, no test doubles. */
function librarySources(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'testing' && name !== 'page') files.push(...librarySources(path));
    } else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) {
      files.push(path);
    }
  }
  return files;
}

const sources = librarySources(srcDir).map((path) => ({
  file: relative(srcDir, path),
  text: readFileSync(path, 'utf8'),
}));
const namespaces = new Set(errorCodes.map((code) => code.split('.')[0]));
// File names that look like codes (`report.html`, `run.jsonl`) are not codes.
const fileExtension = /\.(html|md|jsonl?|sqlite|csv|ts|js|png|svg|txt)$/;

describe('error codes', () => {
  it('every code-like literal in src/ is in the ErrorCode union', () => {
    const unknown: string[] = [];
    for (const { file, text } of sources) {
      for (const match of text.matchAll(/'([a-z0-9]+)\.([a-z0-9_]+)'/g)) {
        const literal = `${match[1]}.${match[2]}`;
        if (!namespaces.has(match[1]) || fileExtension.test(literal)) continue;
        if (!isErrorCode(literal)) unknown.push(`${file}: ${literal}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('each class is thrown only with its own codes, and no code is in two lists', () => {
    const byClass: Record<string, readonly ErrorCode[]> = {
      InputError: inputErrorCodes,
      ProviderError: providerErrorCodes,
      ContentError: contentErrorCodes,
      AnomscopeError: runErrorCodes,
    };
    const wrong: string[] = [];
    for (const { file, text } of sources) {
      for (const match of text.matchAll(
        /new (InputError|ProviderError|ContentError|AnomscopeError)\(\s*'([^']+)'/g,
      )) {
        const [, name = '', code = ''] = match;
        if (!(byClass[name] ?? []).some((each) => each === code))
          wrong.push(`${file}: ${name} ${code}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
  });

  it('library code throws no plain Error', () => {
    const plain = sources
      .filter(({ text }) => /new (Error|TypeError|RangeError|SyntaxError)\(/.test(text))
      .map(({ file }) => file);
    expect(plain).toEqual([]);
  });

  it('the README "Errors" tables list exactly the codes of the union', () => {
    const section = readme.slice(
      readme.indexOf('## Errors'),
      readme.indexOf('\n## ', readme.indexOf('## Errors') + 1),
    );
    const listed = [...section.matchAll(/^\| `([a-z0-9_.]+)` \|/gm)].map((match) => match[1]);
    expect([...listed].sort()).toEqual([...errorCodes].sort());
  });
});
