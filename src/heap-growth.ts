import { setFlagsFromString } from 'node:v8';

/** Settings of {@link boundHeapGrowth}. */
export interface HeapGrowthOptions {
  /**
   * How far V8 lets its old generation grow past the live heap before the next full collection, in
   * percent (V8's `--heap-growing-percent`).
   * @default 20
   */
  percent?: number;
  /** Where the V8 flags go; tests pass a recorder. @default `v8.setFlagsFromString` */
  setFlags?: (flags: string) => void;
}

let holds = 0;

/**
 * Makes V8 collect its old generation once it has grown `percent` past what was live after the
 * last collection, instead of letting it grow up to ~4× (V8's default on a machine with memory to
 * spare), until the returned release is called. A run's live heap is ~30-60 MB, but by default V8
 * reserved ~170 MB before collecting: with 20 % a 10,000-item image run peaked at ~240 MB RSS
 * instead of ~380 MB (`npm run bench:scale-run`). Not a cap: a bigger live heap still gets the
 * room it needs, at the price of more full collections, which is why it is held only while a run
 * calls models (scoring 100,000 rows took ~40 % more CPU under it). Process-wide: when several
 * holders overlap, the last one released gives V8 its own choice back (percent 0).
 */
export function boundHeapGrowth(options: HeapGrowthOptions = {}): () => void {
  const setFlags = options.setFlags ?? setFlagsFromString;
  const percent = Math.max(1, Math.floor(options.percent ?? 20));
  setFlags(`--heap-growing-percent=${percent}`);
  holds += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holds -= 1;
    if (holds === 0) setFlags('--heap-growing-percent=0');
  };
}
