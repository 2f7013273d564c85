import type { SeededRandom } from './random.js';
import { sineWave, squareSine } from './waves.js';

/** VisualTimeAnomaly univariate anomaly types; the first two label points, the rest ranges. */
export const vtaUnivariateTypes = [
  'global',
  'contextual',
  'seasonal',
  'trend',
  'shapelet',
] as const;
export type VtaUnivariateType = (typeof vtaUnivariateTypes)[number];

/** Whether a univariate type is labelled by points (`global`, `contextual`) rather than ranges. */
export function isVtaPointType(type: VtaUnivariateType): boolean {
  return type === 'global' || type === 'contextual';
}

/** Published constants of the synthetic univariate scenario. */
export const VTA_UNIVARIATE_LENGTH = 400;
const BASE_FREQ = 0.04;
const BASE_COEF = 1.5;
const BASE_NOISE = 0.05;
const RATIO = 0.05;
const RADIUS = 5;

/** One generated univariate series: values and the 0/1 label vector (NaN only after drops). */
export interface UnivariateDraw {
  values: number[];
  labelVector: number[];
}

/**
 * Mutable state shared by the series of one split. With the seasonal quirk, `freq` compounds ×3
 * per seasonal series, as the published generator's aliased config dict does.
 */
export interface UnivariateState {
  freq: number;
  seasonalQuirk: boolean;
}

/** Fresh per-split state (base frequency 0.04). */
export function newUnivariateState(seasonalQuirk: boolean): UnivariateState {
  return { freq: BASE_FREQ, seasonalQuirk };
}

function baseSeries(freq: number, random: SeededRandom): number[] {
  return sineWave(
    { length: VTA_UNIVARIATE_LENGTH, freq, coef: BASE_COEF, offset: 0, noiseAmp: BASE_NOISE },
    random,
  );
}

/** `(rand(k)·n).astype(int)`: k positions drawn uniformly with replacement. */
function positions(count: number, random: SeededRandom): number[] {
  const drawn: number[] = [];
  for (let index = 0; index < count; index += 1)
    drawn.push(Math.floor(random.uniform() * VTA_UNIVARIATE_LENGTH));
  return drawn;
}

function populationStd(values: readonly number[]): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
  return Math.sqrt(variance);
}

function window(center: number): [number, number] {
  return [Math.max(0, center - RADIUS), Math.min(VTA_UNIVARIATE_LENGTH, center + RADIUS)];
}

function pointOutliers(
  draw: UnivariateDraw,
  origin: readonly number[],
  { factor, contextual }: { factor: number; contextual: boolean },
  random: SeededRandom,
): void {
  const { values, labelVector } = draw;
  const chosen = positions(Math.round(VTA_UNIVARIATE_LENGTH * RATIO), random);
  const maximum = Math.max(...values);
  const minimum = Math.min(...values);
  for (const i of chosen) {
    const localStd = populationStd(
      origin.slice(Math.max(0, i - RADIUS), Math.min(i + RADIUS, VTA_UNIVARIATE_LENGTH)),
    );
    let value = origin[i]! * factor * localStd;
    if (contextual) {
      // Kept inside the range: pulled back towards zero by min(0.95, |N(0, 0.5)|).
      if (value > maximum) value = maximum * Math.min(0.95, Math.abs(random.normal(0, 0.5)));
      if (value < minimum) value = minimum * Math.min(0.95, Math.abs(random.normal(0, 0.5)));
    } else {
      // Pushed out to the series extremes.
      if (value >= 0 && value < maximum) value = maximum;
      if (value < 0 && value > minimum) value = minimum;
    }
    values[i] = value;
    labelVector[i] = 1;
  }
}

function rangeCenters(random: SeededRandom): number[] {
  return positions(Math.round((VTA_UNIVARIATE_LENGTH * RATIO) / (2 * RADIUS)), random);
}

function replaceWindows(
  draw: UnivariateDraw,
  centers: readonly number[],
  replacement: (center: number) => readonly number[],
): void {
  for (const center of centers) {
    const [start, end] = window(center);
    const source = replacement(center);
    for (let t = start; t < end; t += 1) {
      draw.values[t] = source[t]!;
      draw.labelVector[t] = 1;
    }
  }
}

function seasonalOutliers(
  draw: UnivariateDraw,
  state: UnivariateState,
  random: SeededRandom,
): void {
  const centers = rangeCenters(random);
  const seasonalFreq = 3 * state.freq;
  if (state.seasonalQuirk) state.freq = seasonalFreq;
  // The published code draws a whole new base series (fresh noise) per window.
  replaceWindows(draw, centers, () => baseSeries(seasonalFreq, random));
}

function trendOutliers(
  draw: UnivariateDraw,
  origin: readonly number[],
  random: SeededRandom,
): void {
  const { values, labelVector } = draw;
  for (const center of rangeCenters(random)) {
    const [start, end] = window(center);
    const sign = random.choice([-1, 1] as const);
    for (let t = start; t < end; t += 1) {
      values[t] = origin[t]! + sign * 0.5 * (t - start);
      labelVector[t] = 1;
    }
    // The rest of the series keeps the level reached at the window end, unlabelled.
    const lastSlope = sign * 0.5 * (end - start - 1);
    for (let t = end; t < VTA_UNIVARIATE_LENGTH; t += 1) values[t] = values[t]! + lastSlope;
  }
}

function shapeletOutliers(draw: UnivariateDraw, random: SeededRandom): void {
  const centers = rangeCenters(random);
  const shape = squareSine(
    {
      length: VTA_UNIVARIATE_LENGTH,
      freq: BASE_FREQ,
      coef: BASE_COEF,
      offset: 0,
      noiseAmp: 0.03,
      level: 20,
    },
    random,
  );
  replaceWindows(draw, centers, () => shape);
}

/** Generates one univariate series with its anomalies injected as the published generator does. */
export function generateUnivariateDraw(
  type: VtaUnivariateType,
  state: UnivariateState,
  random: SeededRandom,
): UnivariateDraw {
  const origin = baseSeries(state.freq, random);
  const draw: UnivariateDraw = {
    values: origin.slice(),
    labelVector: new Array<number>(VTA_UNIVARIATE_LENGTH).fill(0),
  };
  switch (type) {
    case 'global':
      pointOutliers(draw, origin, { factor: 3.5, contextual: false }, random);
      break;
    case 'contextual':
      pointOutliers(draw, origin, { factor: 2.5, contextual: true }, random);
      break;
    case 'seasonal':
      seasonalOutliers(draw, state, random);
      break;
    case 'trend':
      trendOutliers(draw, origin, random);
      break;
    case 'shapelet':
      shapeletOutliers(draw, random);
      break;
  }
  return draw;
}
