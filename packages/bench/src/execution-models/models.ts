/**
 * Worker execution models (the Redash story, scenario (h)): the same small jobs run by one rqts worker
 * at concurrency 1 in four ways, timed from `worker.run()` to the last job recorded, start-up included:
 * 1. inline, in the worker process, after a heavy start-up paid once by the worker;
 * 2. a new process per job (RQ's forking model, spawned), Node's start-up only;
 * 3. a new process per job that also pays the heavy start-up, every time (Redash's regression);
 * 4. rqts's reused process pool (`isolation: "process"`): the heavy start-up paid once per child.
 * Models 2 and 3 run a sample in the full bench (a thousand heavy start-ups take minutes) and project
 * the time for the full count from it; each row says whether its time is measured or projected.
 */
import { Worker, Queue, defineTask } from "@rqts/queue";
import { Redis } from "ioredis";
import { bundled } from "../runtime/bundle.js";
import { runChild } from "../runtime/child.js";
import { reset } from "../runtime/redis.js";
import type { BenchContext } from "../scenarios/scenario.js";
import { RECORD_EVENT_TASK, START_UP_ENTRIES_ENV, heavyStartUp, recordEvent } from "./record-event.js";

export interface ModelRow {
  model: string;
  startUp: string;
  /** Jobs actually run. */
  jobs: number;
  totalMs: number;
  /** From `run()` to the first job's start: what start-up costs before any work. */
  firstJobMs: number;
  jobsPerSecond: number;
  /** Time for `targetJobs` jobs: measured when `jobs` equals it, else projected from the per-job time. */
  targetJobs: number;
  targetMs: number;
  projected: boolean;
}

interface ModelSetup {
  model: string;
  startUp: string;
  /** Builds the worker (and pays what start-up it pays before run()). */
  worker: (connection: Redis, queue: string) => Worker;
  sampled: boolean;
}

/** A task that runs each job in a process of its own, started for it. */
function processPerJobTask(script: string, startUpEntries: number) {
  return defineTask(RECORD_EVENT_TASK, async (sequence: number) => {
    const { result } = await runChild<string>(script, [String(startUpEntries), String(sequence)]);
    return result;
  });
}

async function runModel(ctx: BenchContext, setup: ModelSetup): Promise<ModelRow> {
  const target = ctx.sizes.modelJobs;
  const jobs = setup.sampled ? Math.min(ctx.sizes.modelSpawnJobs, target) : target;
  await reset(ctx.redis.admin);
  const connection = new Redis({ ...ctx.redis.target, maxRetriesPerRequest: null });
  try {
    const queue = new Queue("models", { connection });
    await queue.enqueueMany(Array.from({ length: jobs }, (_, i) => ({ task: RECORD_EVENT_TASK, args: [i] })));
    const started = performance.now();
    const worker = setup.worker(connection, queue.name);
    let firstJobMs = 0;
    worker.once("job:started", () => (firstJobMs = performance.now() - started));
    await worker.run({ burst: true });
    const totalMs = performance.now() - started;
    const finished = await queue.finished.count();
    const failed = await queue.failed.count();
    if (finished !== jobs || failed !== 0) throw new Error(`execution model "${setup.model}": ${finished} of ${jobs} jobs finished, ${failed} failed`);
    ctx.log(`  execution models · ${setup.model}: ${jobs} jobs in ${(totalMs / 1000).toFixed(2)} s`);
    return {
      model: setup.model,
      startUp: setup.startUp,
      jobs,
      totalMs,
      firstJobMs,
      jobsPerSecond: jobs / (totalMs / 1000),
      targetJobs: target,
      targetMs: jobs === target ? totalMs : (totalMs / jobs) * target,
      projected: jobs !== target,
    };
  } finally {
    connection.disconnect();
  }
}

export async function runExecutionModels(ctx: BenchContext): Promise<ModelRow[]> {
  const entries = ctx.sizes.heavyInitEntries;
  const heavy = `heavy (a ${entries.toLocaleString("en-US")}-entry table)`;
  const jobProcess = await bundled("job-process");
  const poolTasks = await bundled("pool-tasks");
  const common = { concurrency: 1, handleSignals: false, logger: false } as const;
  const setups: ModelSetup[] = [
    {
      model: "inline (in the worker process)",
      startUp: `${heavy}, once`,
      sampled: false,
      worker: (connection, queue) => {
        const table = heavyStartUp(entries);
        return new Worker(queue, { ...common, connection, tasks: [defineTask(RECORD_EVENT_TASK, (i: number) => recordEvent(table, i))] });
      },
    },
    {
      model: "new process per job",
      startUp: "Node's own, every job",
      sampled: true,
      worker: (connection, queue) => new Worker(queue, { ...common, connection, tasks: [processPerJobTask(jobProcess, 0)] }),
    },
    {
      model: "new process per job, heavy start-up",
      startUp: `Node's + ${heavy}, every job`,
      sampled: true,
      worker: (connection, queue) => new Worker(queue, { ...common, connection, tasks: [processPerJobTask(jobProcess, entries)] }),
    },
    {
      model: 'rqts process pool (isolation: "process")',
      startUp: `Node's + ${heavy}, once per child`,
      sampled: false,
      worker: (connection, queue) => new Worker(queue, { ...common, connection, isolation: "process", tasksModule: poolTasks }),
    },
  ];
  const previous = process.env[START_UP_ENTRIES_ENV];
  process.env[START_UP_ENTRIES_ENV] = String(entries); // the pool's children inherit it
  try {
    const rows: ModelRow[] = [];
    for (const setup of setups) rows.push(await runModel(ctx, setup));
    return rows;
  } finally {
    if (previous === undefined) delete process.env[START_UP_ENTRIES_ENV];
    else process.env[START_UP_ENTRIES_ENV] = previous;
  }
}
