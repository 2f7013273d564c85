/** Free-text description of where a series comes from; inserted into prompts as data only. */
export interface SeriesContext {
  domain?: string;
  description?: string;
  unit?: string;
}

/**
 * A time series with one or more channels of equal length.
 * Missing observations are NaN; irregular sampling is expressed by `timestamps`, never by
 * interpolation.
 */
export interface Series {
  id: string;
  channels: string[];
  /** One array per channel, all of the same length. NaN = missing. */
  values: Float64Array[];
  /** Epoch milliseconds, strictly increasing, same length as each channel. */
  timestamps?: number[];
  context?: SeriesContext;
}

/** Number of observations (time steps) of a series. */
export function seriesLength(series: Series): number {
  return series.values[0]?.length ?? 0;
}
