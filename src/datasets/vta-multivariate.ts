import type { SeededRandom } from './random.js';
import {
  cosineWave,
  randomWalk,
  sawtoothWave,
  sineWave,
  squareWave,
  triangleWave,
  type WaveConfig,
} from './waves.js';

/** VisualTimeAnomaly multivariate (variate-wise) anomaly types. */
export const vtaMultivariateTypes = ['triangle', 'square', 'sawtooth', 'random_walk'] as const;
export type VtaMultivariateType = (typeof vtaMultivariateTypes)[number];

/** Published length of the synthetic multivariate scenario. */
export const VTA_MULTIVARIATE_LENGTH = 200;

const anomalyWaves: Record<
  VtaMultivariateType,
  (config: WaveConfig, random: SeededRandom) => number[]
> = {
  triangle: triangleWave,
  square: squareWave,
  sawtooth: sawtoothWave,
  random_walk: randomWalk,
};

/** One generated multivariate series: one value array per variate and the anomalous variate ids. */
export interface MultivariateDraw {
  channels: number[][];
  anomalousChannels: number[];
}

function randomConfig(random: SeededRandom): WaveConfig {
  return {
    freq: random.uniformRange(0.03, 0.05),
    coef: random.uniformRange(0.5, 2.0),
    offset: random.uniformRange(-1.0, 1.0),
    noiseAmp: random.uniformRange(0.05, 0.2),
    length: VTA_MULTIVARIATE_LENGTH,
  };
}

/**
 * Generates one multivariate series: each variate a sine or cosine with a random config, then
 * 1..floor(√d)−1 variates (without replacement) replaced entirely by the anomaly waveform.
 */
export function generateMultivariateDraw(
  type: VtaMultivariateType,
  dims: number,
  random: SeededRandom,
): MultivariateDraw {
  const channels: number[][] = [];
  for (let dim = 0; dim < dims; dim += 1) {
    const behaviour = random.choice([sineWave, cosineWave]);
    channels.push(behaviour(randomConfig(random), random));
  }
  const count = random.integer(1, Math.floor(Math.sqrt(dims)) - 1);
  const anomalous = random.sampleWithoutReplacement(dims, count);
  for (const dim of anomalous) channels[dim] = anomalyWaves[type](randomConfig(random), random);
  return { channels, anomalousChannels: anomalous.slice().sort((a, b) => a - b) };
}
