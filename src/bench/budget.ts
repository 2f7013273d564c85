import type { ExecutorContext } from './executor.js';

/**
 * The cost cap with calls in flight counted: each call reserves the dearest call seen so far, and a
 * call starts only while spent + reserved is under the cap, so the cap is overshot by at most one
 * call's cost. Until a first call has finished there is no estimate, so only one call runs.
 */
export function createBudget(context: Pick<ExecutorContext, 'maxCostUsd' | 'spentUsd'>): {
  reserve(): Promise<boolean>;
  release(): void;
  observe(costUsd: number | null): void;
} {
  const cap = context.maxCostUsd;
  let estimateUsd: number | undefined;
  let inFlight = 0;
  let firstDone: (() => void) | undefined;
  const firstFinished = new Promise<void>((resolve) => (firstDone = resolve));
  return {
    async reserve() {
      if (cap === undefined) return true;
      while (estimateUsd === undefined && inFlight > 0) await firstFinished;
      if (context.spentUsd() + inFlight * (estimateUsd ?? 0) >= cap) return false;
      inFlight += 1;
      return true;
    },
    release() {
      if (cap === undefined) return;
      inFlight -= 1;
      estimateUsd ??= 0;
      firstDone?.();
    },
    observe(costUsd) {
      if (costUsd !== null) estimateUsd = Math.max(estimateUsd ?? 0, costUsd);
    },
  };
}
