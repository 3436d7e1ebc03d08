/**
 * Processing a queue and proving it was processed: after every run the library itself must report
 * every job completed and nothing left, and the handler must have run once per job — a figure from a
 * broken run is never reported. Used in the bench process and in the worker-RSS child.
 */
import type { QueueAdapter } from "../adapters/adapter.js";

/** Throws unless the library reports exactly `expected` completed jobs and nothing waiting, running or failed. */
export async function expectAllCompleted(adapter: QueueAdapter, expected: number, what: string): Promise<void> {
  const counts = await adapter.counts();
  if (counts.completed !== expected || counts.waiting !== 0 || counts.active !== 0 || counts.failed !== 0) {
    throw new Error(`${adapter.library} ${what}: expected ${expected} completed jobs and none left; the library reports ${JSON.stringify(counts)}`);
  }
}

/**
 * Processes `n` queued jobs with one worker at `concurrency`, and returns the milliseconds from the
 * first handler start to the n-th completion the library reports. Checks every job ran exactly once.
 */
export async function processQueued(adapter: QueueAdapter, n: number, concurrency: number, alreadyCompleted = 0): Promise<number> {
  let firstStart = 0;
  let starts = 0;
  let completions = 0;
  let finish: (() => void) | undefined;
  const allDone = new Promise<void>((resolve) => (finish = resolve));
  const worker = await adapter.startWorker({
    concurrency,
    onStart: () => {
      if (starts++ === 0) firstStart = performance.now();
    },
    onComplete: () => {
      if (++completions === n) finish!();
    },
  });
  let elapsed: number;
  try {
    await withDeadline(allDone, n, `${adapter.library} processing ${n} jobs`, () => `${completions} completed`);
    elapsed = performance.now() - firstStart;
  } finally {
    await worker.stop();
  }
  if (starts !== n) throw new Error(`${adapter.library}: ${n} jobs queued but the handler ran ${starts} times`);
  await expectAllCompleted(adapter, n + alreadyCompleted, `after processing ${n} jobs`);
  return elapsed;
}

/** Rejects when `work` takes longer than a generous allowance for `jobs` jobs (a stuck run must not hang the bench). */
export async function withDeadline<T>(work: Promise<T>, jobs: number, what: string, progress: () => string): Promise<T> {
  const ms = 60_000 + jobs * 5; // 200 jobs/s at worst, far below any library here
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s (${progress()})`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
