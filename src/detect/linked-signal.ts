/**
 * A signal that aborts when any of `sources` aborts (with that source's reason), like
 * `AbortSignal.any`, plus `dispose()` to unhook it once the call is over. Node 20's
 * `AbortSignal.any` keeps every signal it made, and its listeners, alive for as long as a source
 * lives: one per call on a run-long signal leaked ~6 KB per item (600 MB per 100,000 items).
 */
export function linkedSignal(sources: readonly AbortSignal[]): {
  signal: AbortSignal;
  dispose: () => void;
} {
  const controller = new AbortController();
  const already = sources.find((source) => source.aborted);
  if (already !== undefined) {
    controller.abort(already.reason);
    return { signal: controller.signal, dispose: () => undefined };
  }
  const hooks = sources.map((source) => {
    const onAbort = (): void => {
      controller.abort(source.reason);
      dispose();
    };
    source.addEventListener('abort', onAbort, { once: true });
    return { source, onAbort };
  });
  const dispose = (): void => {
    for (const { source, onAbort } of hooks) source.removeEventListener('abort', onAbort);
  };
  return { signal: controller.signal, dispose };
}
