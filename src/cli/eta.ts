/**
 * Remaining time of a run from its recent rate: items per second over the last minute (not since
 * the start), so the estimate follows the run's current speed and converges instead of carrying
 * the slow start (dataset preparation, a cold cache) or a stall along for the whole run.
 */
export class MovingEta {
  readonly #windowMs: number;
  /** Samples, oldest first: at least one before the window once the run is older than it. */
  #samples: { ms: number; done: number }[] = [];

  /** @param options.windowMs how far back the rate looks. @default 60000 */
  constructor(options: { windowMs?: number } = {}) {
    this.#windowMs = options.windowMs ?? 60_000;
  }

  /**
   * Records that `done` items are finished at `elapsedMs` and returns the seconds left for
   * `total` (0 when done), or null while no rate is known yet (no item finished in the window).
   */
  update(elapsedMs: number, done: number, total: number): number | null {
    const last = this.#samples[this.#samples.length - 1];
    // One sample per 250 ms at most: updates can come thousands of times a second.
    // A counter that went back belongs to a new run: start over.
    if (last !== undefined && done < last.done) this.#samples = [{ ms: elapsedMs, done }];
    else if (last === undefined || elapsedMs - last.ms >= 250)
      this.#samples.push({ ms: elapsedMs, done });
    else last.done = Math.max(last.done, done);
    while (
      this.#samples.length > 2 &&
      elapsedMs - (this.#samples[1] as { ms: number }).ms >= this.#windowMs
    )
      this.#samples.shift();
    if (done >= total) return 0;
    const first = this.#samples[0] as { ms: number; done: number };
    const items = done - first.done;
    const seconds = (elapsedMs - first.ms) / 1000;
    if (items <= 0 || seconds <= 0) return null;
    return Math.round((total - done) / (items / seconds));
  }
}
