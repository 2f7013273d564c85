/**
 * The baseline detector on real series: NAB's development files (see `nab-dev.ts` for the folder
 * and how rows are read) scored like `../shared/data/nab-dev/README.md` does, printed beside the
 * README's numbers for NAB's own detectors, with the extra targets (top-3 by confidence,
 * calibration, how often the alarm cap bites, detection time). `--files` adds one line per file.
 *
 *   node dist/bench/baseline-real.js [--files] [--options '{"pointZ":6}']
 */
import type { BaselineOptions } from '../src/providers/baseline/options.js';
import { printRealData } from './real-report.js';

const args = process.argv.slice(2);
const optionsIndex = args.indexOf('--options');
const options = (
  optionsIndex >= 0 ? JSON.parse(args[optionsIndex + 1] ?? '{}') : {}
) as Partial<BaselineOptions>;
await printRealData(options, { perFile: args.includes('--files') });
