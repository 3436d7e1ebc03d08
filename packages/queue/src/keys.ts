/**
 * THE only place where Redis key names are built. They are RQ 2.x's names, byte for byte, so that
 * Python RQ, `rq info` and rq-dashboard share state with rqts (see packages/queue/README.md).
 *
 * | key                                         | type   | purpose                                          | TTL                          |
 * |---------------------------------------------|--------|--------------------------------------------------|------------------------------|
 * | rq:queues                                   | set    | queue keys (`rq:queue:{q}`) ever enqueued to     | none                         |
 * | rq:queue:{q}                                | list   | ids of queued jobs; workers take from the left   | none                         |
 * | rq:queue:{q}:intermediate                   | list   | ids moved by a blocking dequeue, not yet started | none                         |
 * | rq:queue:{q}:intermediate:first_seen:{id}   | string | when maintenance first saw a stuck id            | 86400 s                      |
 * | rq:job:{id}                                 | hash   | the job                                          | ttl / result_ttl / failure_ttl |
 * | rq:job:{id}:dependents                      | set    | ids waiting on this job                          | as the job                   |
 * | rq:job::{id}:dependencies                   | set    | ids this job waits on (double colon, as RQ)      | as the job                   |
 * | rq:results:{id}                             | stream | result history, MAXLEN ~ 10                      | result_ttl / failure_ttl     |
 * | rq:wip:{q}                                  | zset   | started registry, `{id}:{execution}`             | none                         |
 * | rq:finished:{q} rq:failed:{q}               | zset   | score = expiry time                              | none                         |
 * | rq:deferred:{q} rq:scheduled:{q} rq:canceled:{q} | zset | score = registration / due / cancel time     | none                         |
 * | rq:execution:{id}:{e}                       | hash   | one run of a job                                 | heartbeat ttl                |
 * | rq:executions:{id}                          | zset   | the runs of a job                                | heartbeat ttl + 60           |
 * | rq:workers, rq:workers:{q}                  | set    | worker keys                                      | none                         |
 * | rq:worker:{w}                               | hash   | worker state                                     | worker ttl + 60; 60 after death |
 * | rq:pubsub:{w}                               | channel| JSON commands to a worker                        | –                            |
 * | rq:suspended                                | string | "1" while workers are suspended                  | none or the given duration   |
 * | rq:clean_registries:{q}                     | string | maintenance lock                                 | ≤ 60 s (RQ: 899 s)           |
 * | rq:scheduler-lock:{q}                       | string | the scheduler holding the queue (its name)       | 61 s, refreshed              |
 * | rq:scheduler:{name}                         | hash   | name, hostname, pid, queues, created_at, last_heartbeat | 61 s, refreshed       |
 * | rq:events:{q}                               | channel| rqts only: live job events (JSON)                | –                            |
 * | rq:rate-limit:{q}                           | hash   | rqts only: `max` starts per `duration_ms`        | none                         |
 * | rq:throughput:{q}:{minute}                  | hash   | rqts only: `finished`/`failed` counts that minute | 2 h                          |
 * | rq:rate-limit:{q}:window                    | string | rqts only: starts in the current window          | the window                   |
 * | rq:cron:{q}                                 | zset   | rqts only: cron entry ids, score = next run in epoch ms (+inf while paused) | none  |
 * | rq:cron:{q}:{entry}                         | hash   | rqts only: one cron or interval entry: definition, next run, last tick | none       |
 *
 * Lua scripts build per-job keys from the prefixes exported here (passed in ARGV), so the names
 * still come from this file.
 */

export const KEY_PREFIX = "rq:";

/** Prefixes that Lua scripts append a job id (or queue name) to. */
export const prefixes = {
  job: "rq:job:",
  dependencies: "rq:job::",
  results: "rq:results:",
  execution: "rq:execution:",
  executions: "rq:executions:",
  queue: "rq:queue:",
  wip: "rq:wip:",
  finished: "rq:finished:",
  failed: "rq:failed:",
  deferred: "rq:deferred:",
  scheduled: "rq:scheduled:",
  canceled: "rq:canceled:",
  worker: "rq:worker:",
  workers: "rq:workers:",
  pubsub: "rq:pubsub:",
  cleanRegistries: "rq:clean_registries:",
  events: "rq:events:",
  schedulerLock: "rq:scheduler-lock:",
  scheduler: "rq:scheduler:",
  rateLimit: "rq:rate-limit:",
  throughput: "rq:throughput:",
  cron: "rq:cron:",
} as const;

/** Suffixes that Lua scripts append after a job id. */
export const suffixes = {
  dependents: ":dependents",
  dependencies: ":dependencies",
  intermediate: ":intermediate",
  firstSeen: ":intermediate:first_seen:",
} as const;

export const keys = {
  queues: () => "rq:queues",
  queue: (queue: string) => `${prefixes.queue}${queue}`,
  intermediate: (queue: string) => `${prefixes.queue}${queue}${suffixes.intermediate}`,
  intermediateFirstSeen: (queue: string, id: string) => `${prefixes.queue}${queue}${suffixes.firstSeen}${id}`,
  job: (id: string) => `${prefixes.job}${id}`,
  dependents: (id: string) => `${prefixes.job}${id}${suffixes.dependents}`,
  dependencies: (id: string) => `${prefixes.dependencies}${id}${suffixes.dependencies}`,
  results: (id: string) => `${prefixes.results}${id}`,
  execution: (id: string, execution: string) => `${prefixes.execution}${id}:${execution}`,
  executions: (id: string) => `${prefixes.executions}${id}`,
  started: (queue: string) => `${prefixes.wip}${queue}`,
  finished: (queue: string) => `${prefixes.finished}${queue}`,
  failed: (queue: string) => `${prefixes.failed}${queue}`,
  deferred: (queue: string) => `${prefixes.deferred}${queue}`,
  scheduled: (queue: string) => `${prefixes.scheduled}${queue}`,
  canceled: (queue: string) => `${prefixes.canceled}${queue}`,
  workers: () => "rq:workers",
  queueWorkers: (queue: string) => `${prefixes.workers}${queue}`,
  worker: (name: string) => `${prefixes.worker}${name}`,
  pubsub: (worker: string) => `${prefixes.pubsub}${worker}`,
  suspended: () => "rq:suspended",
  cleanRegistries: (queue: string) => `${prefixes.cleanRegistries}${queue}`,
  /** Held by the one scheduler that queues a queue's due jobs; its value is the scheduler's name (RQ 2.x). */
  schedulerLock: (queue: string) => `${prefixes.schedulerLock}${queue}`,
  /** A scheduler's description (RQ 2.10). */
  scheduler: (name: string) => `${prefixes.scheduler}${name}`,
  /** rqts only: the pub/sub channel of a queue's live job events. */
  events: (queue: string) => `${prefixes.events}${queue}`,
  /** rqts only: how many jobs of a queue finished and failed in one minute (`finished`, `failed`). */
  throughput: (queue: string, minute: number) => `${prefixes.throughput}${queue}:${minute}`,
  /** rqts only: a queue's rate limit (`max`, `duration_ms`). */
  rateLimit: (queue: string) => `${prefixes.rateLimit}${queue}`,
  /** rqts only: job starts counted in the current rate-limit window. */
  rateLimitWindow: (queue: string) => `${prefixes.rateLimit}${queue}:window`,
  /** rqts only: a queue's cron entries by next run (not RQ 2.5's `rq:cron_scheduler:*`, which RQ's own cron process owns). */
  cronEntries: (queue: string) => `${prefixes.cron}${queue}`,
  /** rqts only: one cron entry (queue names and entry ids contain no ":", so it never clashes with `cronEntries`). */
  cronEntry: (queue: string, id: string) => `${prefixes.cron}${queue}:${id}`,
} as const;

/** The queue name inside a queue key (`rq:queue:emails` → `emails`). */
export function queueNameFromKey(queueKey: string): string {
  return queueKey.startsWith(prefixes.queue) ? queueKey.slice(prefixes.queue.length) : queueKey;
}

/** The worker name inside a worker key (`rq:worker:w1` → `w1`). */
export function workerNameFromKey(workerKey: string): string {
  return workerKey.startsWith(prefixes.worker) ? workerKey.slice(prefixes.worker.length) : workerKey;
}
