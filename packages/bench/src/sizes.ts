/**
 * How big each scenario is: the full run the issue specifies (N = 20,000, 3 repeats, 10 s of latency
 * at 500 jobs/s, 200,000 kept jobs), and a smoke run with tiny sizes that only proves every scenario
 * and every adapter works (what CI and the test run).
 */
export interface Sizes {
  /** Jobs per throughput run (N). */
  jobs: number;
  /** Runs of each scenario per library; the table shows their median, min and max. */
  repeats: number;
  /** Jobs each library enqueues and processes before anything is measured (JIT, connections, scripts). */
  warmupJobs: number;
  /** Enqueue calls in flight at once in the concurrent-enqueue scenario. */
  concurrentBatch: number;
  /** The latency scenario's steady arrival rate (jobs/s) and how long it lasts (s). */
  latencyRate: number;
  latencySeconds: number;
  /** Worker concurrency while latency is measured. */
  latencyConcurrency: number;
  /** Finished jobs kept before the "as work grows" figures are taken again. */
  keptJobs: number;
  /** Jobs per execution model that runs jobs in-process or in a reused pool. */
  modelJobs: number;
  /**
   * Jobs per execution model that starts a process per job. The full run samples 50 (1,000 heavy
   * start-ups alone would take minutes) and projects the time for `modelJobs`; `--model-jobs` runs all.
   */
  modelSpawnJobs: number;
  /** Entries of the table the "heavy start-up" builds (the Redash story's expensive initialisation). */
  heavyInitEntries: number;
}

export const FULL_SIZES: Sizes = {
  jobs: 20_000,
  repeats: 3,
  warmupJobs: 2_000,
  concurrentBatch: 1_000,
  latencyRate: 500,
  latencySeconds: 10,
  latencyConcurrency: 10,
  keptJobs: 200_000,
  modelJobs: 1_000,
  modelSpawnJobs: 50,
  heavyInitEntries: 300_000,
};

export const SMOKE_SIZES: Sizes = {
  jobs: 300,
  repeats: 1,
  warmupJobs: 100,
  concurrentBatch: 100,
  latencyRate: 200,
  latencySeconds: 1,
  latencyConcurrency: 10,
  keptJobs: 1_000,
  modelJobs: 30,
  modelSpawnJobs: 3,
  heavyInitEntries: 30_000,
};
