import type { Interval } from '../schema/interval.js';

/** `n thing` / `n things`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * A half-open interval `[start, end)` as people read it: first–last index, both included.
 * @example formatIndexRange([120, 125]) // '120–124'
 */
export function formatIndexRange(interval: Interval): string {
  const [start, end] = interval;
  return end - start <= 1 ? String(start) : `${start}–${end - 1}`;
}

/**
 * Epoch milliseconds as a UTC date-time without noise: `2024-03-01 02:00:00 UTC` (milliseconds only
 * when not zero); non-finite or out-of-range values as plain numbers.
 */
export function formatTime(epochMs: number): string {
  if (!Number.isFinite(epochMs) || Math.abs(epochMs) > 8.64e15) return String(epochMs);
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${iso.slice(19, 23) === '.000' ? '' : iso.slice(19, 23)} UTC`;
}

/** A probability or score as a percentage with one decimal, or an em dash. */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? '—'
    : `${(value * 100).toFixed(1)}%`;
}

/** A score in [0, 1] with three decimals, or an em dash. */
export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(3);
}

/** US dollars: `$0.0031`, `$0` when free, `unknown` when not priced. */
export function formatCost(costUsd: number | null): string {
  if (costUsd === null) return 'unknown';
  if (costUsd === 0) return '$0';
  return costUsd < 0.0001 ? `$${costUsd.toExponential(2)}` : `$${costUsd.toFixed(4)}`;
}

/** Token usage as `1,200 in / 50 out`, or `not reported`. */
export function formatTokens(usage: { inputTokens: number; outputTokens: number } | null): string {
  if (usage === null) return 'not reported';
  return `${usage.inputTokens.toLocaleString('en-US')} in / ${usage.outputTokens.toLocaleString('en-US')} out`;
}

/** A duration in ms: `840 ms`, `12.3 s`. */
export function formatLatency(latencyMs: number): string {
  return latencyMs < 1000 ? `${Math.round(latencyMs)} ms` : `${(latencyMs / 1000).toFixed(1)} s`;
}
