/**
 * Our answer parsers against the published Python: `npm run bench:compare-parsers [-- N [seed]]`.
 * Generates N seeded random model answers (default 10,000), parses each with our ports and with
 * VisualTimeAnomaly's / AnomLLM's `parse_output` and vectorizers run by /usr/bin/python3
 * (`bench/python/`), and prints how many agree on the parse (decision and decoded value) and on
 * the scored 0/1 vector, the known differences by reason, and unexplained differences with
 * examples. Exits 1 on an unexplained difference or a crash; skips loudly without python3.
 */
import { compareParsers, KNOWN_PARSER_DIFFERENCES } from './claims/parsers.js';
import { PYTHON_MISSING, pythonAvailable } from './claims/python.js';

function main(): void {
  const count = Number(process.argv[2] ?? 10_000);
  const seed = Number(process.argv[3] ?? 1);
  if (!pythonAvailable()) {
    process.stdout.write(`${PYTHON_MISSING}\n`);
    return;
  }
  const started = performance.now();
  const result = compareParsers(count, seed);
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  out(`parser comparison: ${result.cases} random answers (seed ${seed}), ${seconds} s`);
  out(`  accepted by the published parser: ${result.pythonAccepted} / ${result.cases}`);
  out(`  parse decision and value equal: ${result.parseAgree} / ${result.cases}`);
  out(`  scored vector equal:            ${result.vectorAgree} / ${result.cases}`);
  for (const [reason, n] of Object.entries(result.known)) {
    const why = KNOWN_PARSER_DIFFERENCES[reason as keyof typeof KNOWN_PARSER_DIFFERENCES];
    out(`  known difference ${reason}: ${n}  (${why})`);
  }
  out(`  unexplained differences: ${result.differences}; crashes of our parser: ${result.crashes}`);
  for (const example of result.examples) out(`    ${JSON.stringify(example)}`);
  if (result.differences > 0 || result.crashes > 0) process.exitCode = 1;
}

main();
