/**
 * Worker listing: the workers named in `rq:workers` (or a queue's `rq:workers:{q}`), read from their
 * hashes in one pipeline. rqts and Python RQ workers write the same hash, so both are listed.
 * Entries whose hash has expired (a worker that died without deregistering) are counted, not removed:
 * removing them is maintenance's job.
 */
import type { Redis } from "ioredis";
import { keys, workerNameFromKey } from "../keys.js";
import { parseRqTimestamp } from "../time.js";

/** One worker, as its hash describes it. */
export interface WorkerInfo {
  name: string;
  hostname: string;
  pid: number | undefined;
  ipAddress: string;
  /** The queues it takes jobs from, in priority order. */
  queues: string[];
  /** `started`, `idle`, `busy`, `suspended` (rqts and RQ), or whatever a Python worker wrote. */
  state: string;
  /** The job it started last while busy (RQ's `current_job`), or `undefined`. */
  currentJob: string | undefined;
  birth: Date | undefined;
  lastHeartbeat: Date | undefined;
  /** Seconds since the last heartbeat, at the time of the read. */
  heartbeatAgeSeconds: number | undefined;
  successfulJobCount: number;
  failedJobCount: number;
  /** Seconds spent running jobs, all jobs together. */
  totalWorkingTime: number;
  /** The rqts (or RQ) version that wrote the hash. */
  version: string;
  /** When it deregistered; a dead worker's hash lives on for 60 s. */
  death: Date | undefined;
}

/** The worker list and how many set entries pointed at hashes that no longer exist. */
export interface WorkerList {
  workers: WorkerInfo[];
  /** Set entries whose worker hash is gone; maintenance (or `clean`) removes them. */
  stale: number;
}

function count(text: string | undefined): number {
  const value = Number(text);
  return text && Number.isFinite(value) ? value : 0;
}

function toWorkerInfo(key: string, hash: Record<string, string>, now: number): WorkerInfo {
  const lastHeartbeat = parseRqTimestamp(hash.last_heartbeat);
  const pid = Number(hash.pid);
  return {
    name: workerNameFromKey(key),
    hostname: hash.hostname ?? "",
    pid: Number.isInteger(pid) && pid > 0 ? pid : undefined,
    ipAddress: hash.ip_address ?? "",
    queues: (hash.queues ?? "").split(",").filter(Boolean),
    state: hash.state ?? "",
    currentJob: hash.current_job || undefined,
    birth: parseRqTimestamp(hash.birth),
    lastHeartbeat,
    heartbeatAgeSeconds: lastHeartbeat ? Math.max(0, (now - lastHeartbeat.getTime()) / 1000) : undefined,
    successfulJobCount: count(hash.successful_job_count),
    failedJobCount: count(hash.failed_job_count),
    totalWorkingTime: count(hash.total_working_time),
    version: hash.version ?? "",
    death: parseRqTimestamp(hash.death),
  };
}

/** Lists the registered workers (of one queue, when `queue` is given), sorted by name. */
export async function listWorkers(redis: Redis, options: { queue?: string } = {}): Promise<WorkerList> {
  const setKey = options.queue === undefined ? keys.workers() : keys.queueWorkers(options.queue);
  const workerKeys = (await redis.smembers(setKey)).sort();
  if (workerKeys.length === 0) return { workers: [], stale: 0 };
  const pipeline = redis.pipeline();
  for (const key of workerKeys) pipeline.hgetall(key);
  const replies = (await pipeline.exec()) ?? [];
  const now = Date.now();
  const workers: WorkerInfo[] = [];
  workerKeys.forEach((key, index) => {
    const [error, hash] = replies[index] ?? [null, {}];
    if (error) throw error;
    const fields = hash as Record<string, string>;
    if (Object.keys(fields).length > 0) workers.push(toWorkerInfo(key, fields, now));
  });
  return { workers, stale: workerKeys.length - workers.length };
}
