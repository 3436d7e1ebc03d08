/**
 * Every default in one place, in the unit Redis stores (seconds) unless the name says otherwise.
 * They are RQ's, so that a queue shared with Python behaves the same whichever side enqueued.
 */
export const defaults = {
  /** Job timeout: a job running longer fails with a timeout error. RQ's queue default. */
  timeoutSeconds: 180,
  /** How long a finished job and its result are kept. RQ's DEFAULT_RESULT_TTL. */
  resultTtlSeconds: 500,
  /** How long a failed job and its error are kept: one year, RQ's DEFAULT_FAILURE_TTL. */
  failureTtlSeconds: 31_536_000,
  /** A worker key lives worker ttl + 60 s and is refreshed by heartbeats. RQ's DEFAULT_WORKER_TTL. */
  workerTtlSeconds: 420,
  /** How often a worker refreshes its key and its running jobs' `rq:wip` scores (RQ's job monitoring interval). */
  heartbeatIntervalMs: 30_000,
  /**
   * Slack added to a running job's `rq:wip` score beyond the next heartbeat: a job whose score is older
   * than now was not refreshed for that long and counts as abandoned. RQ adds 60 s.
   */
  abandonedGraceMs: 60_000,
  /** How often a worker runs maintenance (registry expiry, abandoned jobs). RQ's 10 minutes. */
  maintenanceIntervalMs: 600_000,
  /**
   * The maintenance lock `rq:clean_registries:{q}` expires after this long. RQ uses 899 s, so a worker
   * killed mid-pass blocks everyone's maintenance for 15 minutes; a pass takes well under a second,
   * and two overlapping passes are harmless (every step is an atomic script). A worker whose maintenance
   * interval is shorter takes the lock for that interval instead (at least 1 s), so that fast timings
   * recover from a worker killed mid-pass in seconds.
   */
  maintenanceLockSeconds: 60,
  /** An id stuck this long in `rq:queue:{q}:intermediate` is put back on its queue (RQ fails it after 60 s). */
  intermediateGraceMs: 60_000,
  /** `rq:queue:{q}:intermediate:first_seen:{id}` markers expire after a day, as in RQ. */
  intermediateFirstSeenTtlSeconds: 86_400,
  /** How long a blocking dequeue waits before the worker loops (RQ: worker ttl − 15 = 405 s). */
  dequeueTimeoutSeconds: 405,
  /** A dead worker's key is kept this long after its death is recorded (RQ: 60 s). */
  deadWorkerTtlSeconds: 60,
  /** Result streams keep about this many entries (`XADD MAXLEN ~ 10`). */
  resultHistory: 10,
  /** Suspended workers look at `rq:suspended` again after this long (RQ polls every second). */
  suspensionPollMs: 1_000,
  /** How long a stopping worker keeps trying to record outcomes while Redis is unreachable. */
  shutdownDrainMs: 30_000,
  /** Jobs started at once per claim round trip when many slots are free. */
  claimBatch: 50,
  /** Outcomes committed at once per finish round trip. */
  finishBatch: 100,
  /** Jobs per Lua call in `enqueueMany`. */
  enqueueBatch: 1_000,
  /**
   * Single `enqueue` calls made in one turn of the event loop go to Redis in groups of this many, sent
   * as soon as a group is full, so that Redis writes one group while the next calls are prepared.
   */
  coalescedGroup: 100,
  /**
   * The most bytes zlib data read from Redis (a job's `data`, a result's `exc_string`) may inflate to:
   * 64 MiB. Beyond it is a zlib bomb (1 MB of zeros inflates to 1 GB, seconds of blocked event loop and
   * gigabytes of memory), or arguments too large to pass through Redis anyway.
   */
  maxInflatedBytes: 64 * 1024 * 1024,
} as const;
