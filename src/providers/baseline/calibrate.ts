/**
 * What an alarm's confidence claims. The detector grades evidence on its own scale (0.5 at an
 * alarm's bar, 0.8 at twice it); on real series an alarm at 0.8 on that scale overlaps a labelled
 * window far less than 80 % of the time. A logistic map of the evidence's log-odds (Platt
 * scaling) turns it into a probability fitted on labelled series. It is strictly increasing, so
 * which alarms are kept and how they rank never change.
 */
import { InputError } from '../../errors.js';
import type { BaselineOptions } from './options.js';

/** Log-odds are taken of confidences kept this far from 0 and 1 (evidence confidences reach 1). */
const EDGE = 1e-4;

/** Log-odds of an evidence confidence, clamped to [EDGE, 1 − EDGE] (the map's input scale). */
export function evidenceLogOdds(evidence: number): number {
  const clamped = Math.min(1 - EDGE, Math.max(EDGE, evidence));
  return Math.log(clamped / (1 - clamped));
}

/**
 * The stated confidence for an evidence confidence, rounded to 3 decimals like the evidence.
 * @example statedConfidence(0.8, { confidenceLogitIntercept: 0, confidenceLogitSlope: 1 }) // 0.8
 */
export function statedConfidence(
  evidence: number,
  options: Pick<BaselineOptions, 'confidenceLogitIntercept' | 'confidenceLogitSlope'>,
): number {
  const { confidenceLogitIntercept: intercept, confidenceLogitSlope: slope } = options;
  if (!(slope > 0) || !Number.isFinite(intercept)) {
    throw new InputError(
      'input.bad_option',
      `Baseline options confidenceLogitSlope (${slope}) must be > 0 and confidenceLogitIntercept (${intercept}) finite; a slope ≤ 0 would reverse the order of alarms.`,
      { field: slope > 0 ? 'confidenceLogitIntercept' : 'confidenceLogitSlope' },
    );
  }
  const stated = 1 / (1 + Math.exp(-(intercept + slope * evidenceLogOdds(evidence))));
  return Math.round(stated * 1000) / 1000;
}
