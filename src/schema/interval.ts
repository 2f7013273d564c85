/** Half-open index interval `[start, end)`; the only interval representation inside the code. */
export type Interval = readonly [start: number, end: number];
