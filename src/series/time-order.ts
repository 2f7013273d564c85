/** What to do with rows whose timestamp is earlier than the row before. @default 'sort' */
export type OnUnsorted = 'sort' | 'error';

/** What to do with rows that repeat a timestamp (after sorting). @default 'mean' */
export type OnDuplicateTime = 'error' | 'first' | 'last' | 'mean';

/** Options of {@link repairTimeOrder}. */
export interface TimeOrderOptions {
  /** @default 'sort' */
  onUnsorted?: OnUnsorted;
  /** @default 'mean' */
  onDuplicateTime?: OnDuplicateTime;
  /** Receives one line per repair: file, how many rows, the first line affected. */
  onWarning?: (message: string) => void;
}

/** Rows of a table with timestamps: the columns and the source line of each row. */
export interface TimedRows {
  timestamps: number[];
  values: Float64Array[];
  lines: number[];
}

function permute<T extends { [index: number]: number; length: number }>(
  source: T,
  order: readonly number[],
  make: (n: number) => T,
): T {
  const out = make(order.length);
  order.forEach((from, to) => {
    out[to] = source[from] ?? Number.NaN;
  });
  return out;
}

function sortRows(rows: TimedRows, file: string, options: TimeOrderOptions): TimedRows {
  let backwards = 0;
  let firstRow = -1;
  for (let row = 1; row < rows.timestamps.length; row += 1) {
    if ((rows.timestamps[row] ?? 0) < (rows.timestamps[row - 1] ?? 0)) {
      backwards += 1;
      if (firstRow === -1) firstRow = row;
    }
  }
  if (backwards === 0) return rows;
  // Refusing is left to `validateSeries`, whose message names the line, column and both times.
  if (options.onUnsorted === 'error') return rows;
  const line = rows.lines[firstRow];
  // A stable sort keeps rows with equal times in file order, so `first`/`last` mean the file's
  // order.
  const order = rows.timestamps.map((_, index) => index);
  order.sort((a, b) => (rows.timestamps[a] ?? 0) - (rows.timestamps[b] ?? 0) || a - b);
  options.onWarning?.(
    `${file}:${line ?? '?'}: ${backwards} row${backwards === 1 ? '' : 's'} out of time order ` +
      '(first on this line); rows sorted by time (--on-unsorted error refuses such files)',
  );
  return {
    timestamps: order.map((index) => rows.timestamps[index] ?? Number.NaN),
    values: rows.values.map((channel) => permute(channel, order, (n) => new Float64Array(n))),
    lines: order.map((index) => rows.lines[index] ?? 0),
  };
}

function merge(values: readonly number[], mode: Exclude<OnDuplicateTime, 'error'>): number {
  if (mode === 'first') return values[0] ?? Number.NaN;
  if (mode === 'last') return values[values.length - 1] ?? Number.NaN;
  // The mean of the values present; a missing value does not drag the others to NaN.
  const present = values.filter((value) => !Number.isNaN(value));
  return present.length === 0
    ? Number.NaN
    : present.reduce((sum, value) => sum + value, 0) / present.length;
}

function mergeDuplicates(rows: TimedRows, file: string, options: TimeOrderOptions): TimedRows {
  let repeats = 0;
  let firstRow = -1;
  for (let row = 1; row < rows.timestamps.length; row += 1) {
    if (rows.timestamps[row] === rows.timestamps[row - 1]) {
      repeats += 1;
      if (firstRow === -1) firstRow = row;
    }
  }
  if (repeats === 0) return rows;
  const mode = options.onDuplicateTime ?? 'mean';
  if (mode === 'error') return rows;
  const line = rows.lines[firstRow];
  const groups: number[][] = [];
  rows.timestamps.forEach((time, row) => {
    const last = groups[groups.length - 1];
    if (last !== undefined && rows.timestamps[last[0] ?? 0] === time) last.push(row);
    else groups.push([row]);
  });
  options.onWarning?.(
    `${file}:${line ?? '?'}: ${repeats} row${repeats === 1 ? ' repeats' : 's repeat'} an earlier timestamp ` +
      `(first on this line); merged by ${mode} (--on-duplicate-time error|first|last|mean)`,
  );
  return {
    timestamps: groups.map((group) => rows.timestamps[group[0] ?? 0] ?? Number.NaN),
    values: rows.values.map((channel) =>
      Float64Array.from(
        groups.map((group) =>
          merge(
            group.map((row) => channel[row] ?? Number.NaN),
            mode,
          ),
        ),
      ),
    ),
    lines: groups.map((group) => rows.lines[group[0] ?? 0] ?? 0),
  };
}

/**
 * Puts rows in time order and merges rows that share a timestamp, as the options say, reporting
 * each repair through `onWarning`; in `error` modes rows are left for `validateSeries` to refuse,
 * with a located `input.timestamp_order`. Non-finite timestamps are left for `validateSeries` to
 * locate.
 * @example repairTimeOrder({ timestamps: [2, 1], values: [Float64Array.of(5, 6)], lines: [2, 3] },
 * 'a.csv')
 */
export function repairTimeOrder(
  rows: TimedRows,
  file: string,
  options: TimeOrderOptions = {},
): TimedRows {
  if (rows.timestamps.some((time) => !Number.isFinite(time))) return rows;
  return mergeDuplicates(sortRows(rows, file, options), file, options);
}
