/**
 * Compares `scoreCurves` (AUC-ROC, AUC-PR, VUS-ROC, VUS-PR) with a pure-Python port of TSB-AD's
 * definitions (bench/python/tsb_ad_curves.py) on seeded random cases: real-valued, binary,
 * confidence-like (few distinct values) and constant scores; no truth, all truth, windows longer
 * than the series. Prints the largest absolute difference per metric and the cases where one side
 * is null and the other not. Needs python3 (no numpy); without it, says so and exits 0.
 *
 *   node dist/bench/score-curves.js [--cases 120] [--seed 7]
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from '../src/datasets/random.js';
import { scoreCurves, type ScoreCurves } from '../src/grade/score-curves.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1] ?? fallback) : fallback;
};
const count = flag('cases', 120);
const random = createRandom(flag('seed', 7));

interface Case {
  labels: number[];
  scores: number[];
  window: number;
}

function makeCase(index: number): Case {
  const length = random.integer(1, 120);
  const labels = new Array<number>(length).fill(0);
  const kind = index % 10;
  if (kind === 1) labels.fill(1);
  else if (kind !== 0) {
    for (let event = random.integer(1, 4); event > 0; event -= 1) {
      const start = random.integer(0, length - 1);
      labels.fill(1, start, Math.min(length, start + random.integer(1, 12)));
    }
  }
  const style = index % 4;
  const scores = labels.map((label) => {
    if (style === 0) return random.uniform() + label * random.uniform();
    if (style === 1) return random.uniform() < (label === 1 ? 0.6 : 0.1) ? 1 : 0;
    if (style === 2) return [0, 0.3, 0.7, 1][random.integer(0, 3)] ?? 0;
    return 0;
  });
  const window = index % 7 === 0 ? length + random.integer(1, 30) : random.integer(0, 24);
  return { labels, scores, window };
}

const python = ['/usr/bin/python3', 'python3'].find((candidate) => {
  try {
    execFileSync(candidate, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
if (python === undefined) {
  process.stdout.write('python3 not found: skipped the comparison with the TSB-AD port\n');
  process.exit(0);
}

const cases = Array.from({ length: count }, (_, index) => makeCase(index));
const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, '..', '..', 'bench', 'python', 'tsb_ad_curves.py');
const reference = JSON.parse(
  execFileSync(python, [script], { input: JSON.stringify(cases), maxBuffer: 1 << 26 }).toString(),
) as ScoreCurves[];

const keys = ['aucRoc', 'aucPr', 'vusRoc', 'vusPr'] as const;
const maxDiff: Record<(typeof keys)[number], number> = { aucRoc: 0, aucPr: 0, vusRoc: 0, vusPr: 0 };
let nullMismatches = 0;
let compared = 0;
cases.forEach((item, index) => {
  const truth: [number, number][] = [];
  item.labels.forEach((label, i) => {
    const last = truth[truth.length - 1];
    if (label === 1 && last !== undefined && last[1] === i) last[1] = i + 1;
    else if (label === 1) truth.push([i, i + 1]);
  });
  const ours = scoreCurves({
    truth,
    scores: item.scores,
    length: item.labels.length,
    window: item.window,
  });
  const theirs = reference[index];
  for (const key of keys) {
    const a = ours[key];
    const b = theirs?.[key] ?? null;
    if ((a === null) !== (b === null)) {
      nullMismatches += 1;
      process.stdout.write(`case ${index} ${key}: ours ${String(a)}, port ${String(b)}\n`);
    } else if (a !== null && b !== null) {
      compared += 1;
      maxDiff[key] = Math.max(maxDiff[key], Math.abs(a - b));
    }
  }
});
process.stdout.write(
  `${count} cases, ${compared} values compared with the TSB-AD port (${python})\n`,
);
for (const key of keys)
  process.stdout.write(`max abs diff ${key}: ${maxDiff[key].toExponential(2)}\n`);
process.stdout.write(`null mismatches: ${nullMismatches}\n`);
if (nullMismatches > 0 || Object.values(maxDiff).some((diff) => diff > 1e-9)) process.exitCode = 1;
