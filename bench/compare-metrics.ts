/**
 * Our metrics against the published Python: `npm run bench:compare-metrics [-- N [seed]]`.
 * Generates N seeded random truth/prediction pairs (default 12,000) and scores each with
 * `src/grade/` and with Python ports (/usr/bin/python3, `bench/python/`) of affiliation-metrics'
 * `pr_from_events`, scikit-learn's P/R/F1, TSB-AD's range-based, point-adjusted and event metrics,
 * and VisualTimeAnomaly's / AnomLLM's per-series `compute_metrics` (rounded values must match
 * exactly). Prints agreement, the largest absolute difference, known differences by reason (cases
 * affected) and unexplained ones; exits 1 on an unexplained difference; skips loudly without
 * python3.
 */
import { compareMetrics, KNOWN_METRIC_DIFFERENCES, METRIC_TOLERANCE } from './claims/metrics.js';
import { PYTHON_MISSING, pythonAvailable } from './claims/python.js';

function main(): void {
  const count = Number(process.argv[2] ?? 12_000);
  const seed = Number(process.argv[3] ?? 1);
  if (!pythonAvailable()) {
    process.stdout.write(`${PYTHON_MISSING}\n`);
    return;
  }
  const started = performance.now();
  const result = compareMetrics(count, seed);
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  out(`metric comparison: ${result.cases} random cases (seed ${seed}), ${seconds} s`);
  out(`  metric values compared: ${result.values}`);
  out(
    `  max |ours - Python| where they agree: ${result.maxAbsDiff.toExponential(2)}` +
      ` (tolerance ${METRIC_TOLERANCE}; rounded conventions must be equal)`,
  );
  for (const [reason, n] of Object.entries(result.known)) {
    const why = KNOWN_METRIC_DIFFERENCES[reason as keyof typeof KNOWN_METRIC_DIFFERENCES];
    out(`  known difference ${reason}: ${n} cases  (${why})`);
  }
  out(`  unexplained differences: ${result.differences}`);
  for (const example of result.examples) out(`    ${JSON.stringify(example)}`);
  if (result.differences > 0) process.exitCode = 1;
}

main();
