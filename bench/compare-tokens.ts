/**
 * Our Python tokenizer against CPython's: `npm run bench:compare-tokens [-- N [seed]]`.
 * Generates N seeded random explanations (default 20,000) and tokenises each with
 * `pythonTokenStrings` and with `tokenize.generate_tokens` of /usr/bin/python3 (Time-RA's filter:
 * token strings that are not blank; the exception when one is raised). Prints agreement and the
 * first differences; exits 1 on any difference; skips loudly without python3.
 */
import { spawnSync } from 'node:child_process';
import { compareTokens } from './claims/tokens.js';
import { PYTHON, PYTHON_MISSING, pythonAvailable } from './claims/python.js';

function main(): void {
  const count = Number(process.argv[2] ?? 20_000);
  const seed = Number(process.argv[3] ?? 1);
  if (!pythonAvailable()) {
    process.stdout.write(`${PYTHON_MISSING}\n`);
    return;
  }
  const version = spawnSync(PYTHON, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const started = performance.now();
  const result = compareTokens(count, seed);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  out(
    `token comparison with ${version}: ${result.cases} random texts (seed ${seed}), ${seconds} s`,
  );
  out(`  tokenize raised an error on ${result.pythonErrors} (TokenError or IndentationError)`);
  out(`  same tokens (or same exception): ${result.agree}`);
  out(`  differences: ${result.differences}`);
  for (const example of result.examples) out(`    ${JSON.stringify(example)}`);
  if (result.differences > 0) process.exitCode = 1;
}

main();
