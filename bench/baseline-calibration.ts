/**
 * `npm run bench:baseline-calibration`: fits the baseline's confidence map (Platt scaling,
 * `confidenceLogitIntercept`/`confidenceLogitSlope`) on NAB's development files and shows whether
 * it generalises. An alarm is right when it overlaps a label window (the reading of
 * "of alarms at confidence 0.8, about 80 % overlap a labelled window").
 *
 * Prints (1) the reliability of the evidence confidence (the map switched off), (2) the fit on all
 * files, (3) each half of the files (sorted by name, even/odd) fitted on the other half: the
 * honest check, since NAB's other 27 files are never seen, and (4) the reliability of the current
 * defaults. Re-run after changing the detector: the fit moves with the evidence.
 *
 *   node dist/bench/baseline-calibration.js
 */
import { calibration, type CalibrationPair } from '../src/grade/calibration.js';
import { evidenceLogOdds, statedConfidence } from '../src/providers/baseline/calibrate.js';
import { defaultBaselineOptions } from '../src/providers/baseline/options.js';
import { loadNabDev } from './nab-dev.js';
import { baselineAlarms, overlapsTruth } from './real-scores.js';

/** One alarm: its evidence confidence (map off), whether it was right, and its file's index. */
interface Sample {
  evidence: number;
  right: boolean;
  file: number;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Logistic regression of `right` on logit(evidence) by damped Newton steps (halved until the
 * penalised log-likelihood rises), with a weak ridge towards the identity map (intercept 0,
 * slope 1) so a half with few alarms cannot produce a wild slope.
 */
function fitPlatt(samples: readonly Sample[]): { intercept: number; slope: number } {
  const ridge = 1;
  const xs = samples.map((sample) => evidenceLogOdds(sample.evidence));
  const objective = (a: number, b: number): number =>
    samples.reduce((sum, sample, index) => {
      const p = Math.min(1 - 1e-12, Math.max(1e-12, sigmoid(a + b * (xs[index] as number))));
      return sum + (sample.right ? Math.log(p) : Math.log(1 - p));
    }, 0) -
    (ridge / 2) * (a * a + (b - 1) * (b - 1));
  let a = 0;
  let b = 1;
  for (let step = 0; step < 100; step++) {
    let ga = -ridge * a;
    let gb = -ridge * (b - 1);
    let haa = ridge;
    let hab = 0;
    let hbb = ridge;
    samples.forEach((sample, index) => {
      const x = xs[index] as number;
      const p = sigmoid(a + b * x);
      const residual = (sample.right ? 1 : 0) - p;
      const weight = p * (1 - p);
      ga += residual;
      gb += residual * x;
      haa += weight;
      hab += weight * x;
      hbb += weight * x * x;
    });
    const det = haa * hbb - hab * hab;
    let da = (hbb * ga - hab * gb) / det;
    let db = (haa * gb - hab * ga) / det;
    const before = objective(a, b);
    while (objective(a + da, b + db) < before && Math.abs(da) + Math.abs(db) > 1e-12) {
      da /= 2;
      db /= 2;
    }
    a += da;
    b += db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  return { intercept: a, slope: b };
}

const pct = (value: number | null): string =>
  value === null ? '   —' : `${(100 * value).toFixed(0).padStart(3)} %`;

function printReliability(title: string, pairs: readonly CalibrationPair[]): void {
  const result = calibration(pairs, { bins: 5 });
  console.log(`${title}: ${pairs.length} alarms, ECE ${(result.ece ?? Number.NaN).toFixed(3)}`);
  for (const bin of result.bins) {
    if (bin.count === 0) continue;
    console.log(
      `  ${bin.low.toFixed(1)}–${bin.high.toFixed(1)}: ${String(bin.count).padStart(3)} alarms, mean confidence ${pct(bin.meanConfidence)}, right ${pct(bin.accuracy)}`,
    );
  }
}

const mapped = (samples: readonly Sample[], fit: { intercept: number; slope: number }) =>
  samples.map((sample) => ({
    confidence: sigmoid(fit.intercept + fit.slope * evidenceLogOdds(sample.evidence)),
    correct: sample.right,
  }));

const files = await loadNabDev();
if (files !== null) {
  const identity = { confidenceLogitIntercept: 0, confidenceLogitSlope: 1 };
  const samples: Sample[] = files.flatMap((file, index) =>
    baselineAlarms(file, identity).alarms.map((alarm) => ({
      evidence: alarm.confidence,
      right: overlapsTruth(alarm, file.truth),
      file: index,
    })),
  );
  const evidencePairs = samples.map((s) => ({ confidence: s.evidence, correct: s.right }));
  printReliability('1. evidence confidence (map off), all 31 dev files', evidencePairs);

  const all = fitPlatt(samples);
  console.log(
    `\n2. fit on all files: confidenceLogitIntercept ${all.intercept.toFixed(3)}, confidenceLogitSlope ${all.slope.toFixed(3)}`,
  );
  printReliability('   in-sample', mapped(samples, all));

  console.log('\n3. each half of the files (by sorted name) with the map fitted on the other half');
  const even = samples.filter((s) => s.file % 2 === 0);
  const odd = samples.filter((s) => s.file % 2 === 1);
  const fitEven = fitPlatt(even);
  const fitOdd = fitPlatt(odd);
  console.log(
    `   fit on even: ${fitEven.intercept.toFixed(3)} / ${fitEven.slope.toFixed(3)}; fit on odd: ${fitOdd.intercept.toFixed(3)} / ${fitOdd.slope.toFixed(3)}`,
  );
  printReliability('   odd files, map fitted on even', mapped(odd, fitEven));
  printReliability('   even files, map fitted on odd', mapped(even, fitOdd));
  printReliability('   both halves pooled (out of sample)', [
    ...mapped(odd, fitEven),
    ...mapped(even, fitOdd),
  ]);

  // The detector applies the map last, to the evidence confidence: the same values as a second run.
  const stated: CalibrationPair[] = samples.map((sample) => ({
    confidence: statedConfidence(sample.evidence, defaultBaselineOptions),
    correct: sample.right,
  }));
  console.log('');
  printReliability('4. stated confidence with the current defaults', stated);
}
