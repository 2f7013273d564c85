import type { SeededRandom } from './random.js';

/** Parameters of one VisualTimeAnomaly waveform: `coef·(wave(t) + noiseAmp·N(0,1)) + offset`. */
export interface WaveConfig {
  length: number;
  freq: number;
  coef: number;
  offset: number;
  noiseAmp: number;
}

type Shape = (t: number, freq: number) => number;

// The argument is computed as ((2·π)·freq)·t, numpy's evaluation order, so deterministic parts
// (e.g. the compounded seasonal frequency) match the published generator bit for bit.
const sineShape: Shape = (t, freq) => Math.sin(2 * Math.PI * freq * t);
const cosineShape: Shape = (t, freq) => Math.cos(2 * Math.PI * freq * t);
const triangleShape: Shape = (t, freq) => 2 * Math.abs(pythonModulo(t * freq, 1) - 0.5) - 1;
/** scipy.signal.square with duty 0.5: +1 on the first half of each 2π period, −1 on the second. */
const squareShape: Shape = (t, freq) =>
  pythonModulo(2 * Math.PI * freq * t, 2 * Math.PI) < Math.PI ? 1 : -1;
/** scipy.signal.sawtooth with width 1: rises linearly from −1 to 1 over each 2π period. */
const sawtoothShape: Shape = (t, freq) =>
  pythonModulo(2 * Math.PI * freq * t, 2 * Math.PI) / Math.PI - 1;

function pythonModulo(value: number, divisor: number): number {
  const remainder = value % divisor;
  return remainder < 0 ? remainder + divisor : remainder;
}

function shapedWave(shape: Shape, config: WaveConfig, random: SeededRandom): number[] {
  const values = new Array<number>(config.length);
  for (let t = 0; t < config.length; t += 1) {
    const noise = config.noiseAmp === 0 ? 0 : config.noiseAmp * random.normal();
    values[t] = config.coef * (shape(t, config.freq) + noise) + config.offset;
  }
  return values;
}

/** `coef·(sin(2π·freq·t) + noiseAmp·N(0,1)) + offset`. */
export function sineWave(config: WaveConfig, random: SeededRandom): number[] {
  return shapedWave(sineShape, config, random);
}

/** `coef·(cos(2π·freq·t) + noiseAmp·N(0,1)) + offset`. */
export function cosineWave(config: WaveConfig, random: SeededRandom): number[] {
  return shapedWave(cosineShape, config, random);
}

/** Triangle wave `2·|(t·freq mod 1) − 0.5| − 1`, with noise, scaled and shifted. */
export function triangleWave(config: WaveConfig, random: SeededRandom): number[] {
  return shapedWave(triangleShape, config, random);
}

/** Square wave (scipy `square`), with noise, scaled and shifted. */
export function squareWave(config: WaveConfig, random: SeededRandom): number[] {
  return shapedWave(squareShape, config, random);
}

/** Sawtooth wave (scipy `sawtooth`), with noise, scaled and shifted. */
export function sawtoothWave(config: WaveConfig, random: SeededRandom): number[] {
  return shapedWave(sawtoothShape, config, random);
}

/** Random walk: cumulative sum of N(0, noiseAmp) steps, `×coef + offset`; `freq` is unused. */
export function randomWalk(config: WaveConfig, random: SeededRandom): number[] {
  const values = new Array<number>(config.length);
  let sum = 0;
  for (let t = 0; t < config.length; t += 1) {
    sum += random.normal(0, config.noiseAmp);
    values[t] = config.coef * sum + config.offset;
  }
  return values;
}

/** Square-ish wave: Σ_{i<level} sine(freq·(2i+1)) / (2i+1), each harmonic with its own noise. */
export function squareSine(config: WaveConfig & { level: number }, random: SeededRandom): number[] {
  const values = new Array<number>(config.length).fill(0);
  for (let harmonic = 0; harmonic < config.level; harmonic += 1) {
    const odd = 2 * harmonic + 1;
    const wave = sineWave({ ...config, freq: config.freq * odd }, random);
    for (let t = 0; t < config.length; t += 1) values[t] = (values[t] ?? 0) + wave[t]! / odd;
  }
  return values;
}
