/**
 * The Worker's public options, events and log destinations, apart from the Worker class so that the
 * class file holds only its lifecycle.
 */
import type { Redis } from "ioredis";
import type { Duration } from "../duration.js";
import type { Task } from "../tasks.js";
import type { ClaimedJob } from "./fetcher.js";
import type { MaintenanceReport } from "./maintenance.js";

/** Where the worker writes its log lines. `false` silences it. */
export interface WorkerLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface WorkerOptions {
  /** An ioredis connection; the worker makes its own connections from it and never closes yours. */
  connection: Redis;
  /**
   * The tasks this worker may run (from `defineTask`). A job naming any other task fails. Required
   * with `isolation: "inline"`; with `"process"`, jobs run the tasks of `tasksModule` and `tasks` only
   * serves callbacks (`onSuccess`/`onFailure`/`onStopped`), which run in the worker process.
   */
  tasks?: Task[];
  /**
   * Where jobs run. `"inline"`: in this process, `concurrency` at a time (fastest; a handler that
   * ignores its AbortSignal cannot be killed). `"process"`: in a pool of `concurrency` long-lived child
   * processes that import `tasksModule` once each; a job past its timeout gets its child SIGKILLed and
   * replaced, and a child that crashes fails only its own job. See docs/isolation.md.
   * @defaultValue "inline"
   */
  isolation?: "inline" | "process";
  /**
   * With `isolation: "process"` (required there): the absolute path or file: URL of the ES module
   * whose exports include the tasks (made by `defineTask`; directly, or in exported arrays/objects).
   * Each child imports it once. A `.ts` module is loaded with `--import tsx` (tsx must be installed).
   */
  tasksModule?: string;
  /** Jobs run at once in this process. @defaultValue 1 */
  concurrency?: number;
  /** The worker's name, unique among live workers. @defaultValue a random hex id (RQ's form) */
  name?: string;
  /** Stop after this many jobs. @defaultValue no limit */
  maxJobs?: number;
  /** How often the worker refreshes its key and its jobs' heartbeats. @defaultValue 30 s */
  heartbeatInterval?: Duration;
  /** How long after a missed heartbeat a running job counts as abandoned. @defaultValue 60 s */
  abandonedGrace?: Duration;
  /** How often maintenance runs (abandoned jobs, registry expiry). @defaultValue 10 min */
  maintenanceInterval?: Duration;
  /** How long an id may sit in an intermediate list before maintenance puts it back. @defaultValue 60 s */
  intermediateGrace?: Duration;
  /** The worker key lives this long plus 60 s without a heartbeat. @defaultValue 420 s */
  workerTtl?: Duration;
  /** How long one blocking dequeue waits before the worker loops. @defaultValue 405 s */
  dequeueTimeout?: Duration;
  /**
   * Also run the scheduler, which queues due scheduled jobs (`enqueueAt`/`enqueueIn`, retry and repeat
   * intervals) and serves the queues' cron entries (`queue.cron`, `queue.schedule`). One scheduler per
   * queue is active at a time, whatever number of workers ask. @defaultValue false
   */
  withScheduler?: boolean;
  /** How often the scheduler looks for due jobs. @defaultValue 1 s */
  schedulerInterval?: Duration;
  /** Install SIGINT/SIGTERM handlers while `run()` runs (first: warm stop, second: cold). @defaultValue true */
  handleSignals?: boolean;
  /** Log destination. @defaultValue console, one line per lifecycle event */
  logger?: WorkerLogger | false;
}

export interface RunOptions {
  /** Stop once the queues are empty and running jobs are done, instead of waiting for more. */
  burst?: boolean;
}

/** Job events fire after Redis records them. */
export interface WorkerEvents {
  "job:started": [job: ClaimedJob];
  "job:finished": [job: ClaimedJob, value: unknown];
  "job:failed": [job: ClaimedJob, error: Error];
  /** The job failed and was queued or scheduled again (it had retries left). */
  "job:retrying": [job: ClaimedJob, error: Error];
  "job:stopped": [job: ClaimedJob];
  /** The job succeeded and was queued or scheduled again (`repeat`). */
  "job:repeating": [job: ClaimedJob, value: unknown];
  maintenance: [report: MaintenanceReport];
  error: [error: Error];
}

export const consoleLogger: WorkerLogger = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};
export const silentLogger: WorkerLogger = { info() {}, warn() {}, error() {} };

/**
 * One line per message, whatever it quotes: job ids, task names and error texts come from Redis, and a
 * newline in one must not forge a log line of its own. Control characters are written as JSON escapes.
 */
export function singleLineLogger(logger: WorkerLogger): WorkerLogger {
  const escape = (message: string) => message.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
  return {
    info: (message) => logger.info(escape(message)),
    warn: (message) => logger.warn(escape(message)),
    error: (message) => logger.error(escape(message)),
  };
}
