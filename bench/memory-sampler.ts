/**
 * Samples `process.memoryUsage()` while a bench runs and keeps the sample taken at the highest RSS,
 * so a peak can be split into V8 heap, buffers and the rest (modules' code, native libraries such
 * as libvips, malloc arenas) instead of being one number.
 */
import { readFileSync } from 'node:fs';

/** One `process.memoryUsage()` reading, in MiB, plus the process's thread count. */
export interface MemorySample {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** OS threads of the process (main, libuv pool, V8 helpers, libvips, worker threads). */
  threads: number;
}

/** A running sampler. */
export interface MemorySampler {
  /** The sample with the highest RSS so far (taking one more sample first). */
  peak(): MemorySample;
  /** Stops sampling. */
  stop(): void;
}

const mib = (bytes: number): number => bytes / (1024 * 1024);

function threadCount(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    return Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  } catch {
    return 0; // not Linux
  }
}

function sample(): MemorySample {
  const usage = process.memoryUsage();
  return {
    rss: mib(usage.rss),
    heapTotal: mib(usage.heapTotal),
    heapUsed: mib(usage.heapUsed),
    external: mib(usage.external),
    arrayBuffers: mib(usage.arrayBuffers),
    threads: threadCount(),
  };
}

/** Starts sampling every `intervalMs` (the timer never keeps the process alive). */
export function startMemorySampler({ intervalMs = 50 }: { intervalMs?: number } = {}) {
  let best = sample();
  const take = (): void => {
    const next = sample();
    if (next.rss > best.rss) best = next;
  };
  const timer = setInterval(take, intervalMs);
  timer.unref();
  return {
    peak() {
      take();
      return best;
    },
    stop() {
      clearInterval(timer);
    },
  } satisfies MemorySampler;
}

/**
 * The breakdown as one token for the bench's space-separated child output:
 * `rss/heapTotal/heapUsed/external/arrayBuffers/threads` in whole MiB.
 */
export function formatSample(s: MemorySample): string {
  return [s.rss, s.heapTotal, s.heapUsed, s.external, s.arrayBuffers]
    .map((value) => value.toFixed(0))
    .concat(String(s.threads))
    .join('/');
}
