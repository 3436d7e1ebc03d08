/**
 * The worker's entry in Redis, written as RQ writes it so `rq info`, rq-dashboard and Python's
 * `Worker.find_by_key` read it: birth and death transactions, state changes.
 */
import { hostname } from "node:os";
import type { Redis } from "ioredis";
import { defaults } from "../defaults.js";
import { WorkerNameTakenError } from "../errors.js";
import { keys } from "../keys.js";
import { rqTimestamp } from "../time.js";
import { VERSION } from "../version.js";

/** RQ's worker states, plus `busy` while jobs run. */
export type WorkerState = "starting" | "started" | "idle" | "busy" | "suspended";

export class WorkerRegistration {
  readonly key: string;

  constructor(
    private readonly redis: Redis,
    readonly name: string,
    private readonly queues: readonly string[],
    private readonly keyTtlSeconds: number,
  ) {
    this.key = keys.worker(name);
  }

  /** Registers the worker (RQ's birth MULTI); refuses a name a live worker holds, unless `again`. */
  async birth(options: { again?: boolean } = {}): Promise<void> {
    const [alive, died] = await Promise.all([this.redis.exists(this.key), this.redis.hexists(this.key, "death")]);
    // `again`: this worker registering once more (its entry went with Redis's data), so the name is its own
    if (alive && !died && !options.again) {
      throw new WorkerNameTakenError(
        `A worker named "${this.name}" is already registered and alive (${this.key}); pick another name or stop that worker`,
      );
    }
    const now = rqTimestamp();
    const multi = this.redis
      .multi()
      .del(this.key)
      .hset(this.key, {
        birth: now,
        last_heartbeat: now,
        queues: this.queues.join(","),
        pid: String(process.pid),
        hostname: hostname(),
        ip_address: await this.ipAddress(),
        version: VERSION,
        python_version: `rqts on node ${process.version}`,
        state: "started",
        successful_job_count: "0",
        failed_job_count: "0",
        total_working_time: "0",
      })
      .sadd(keys.workers(), this.key);
    for (const queue of this.queues) multi.sadd(keys.queueWorkers(queue), this.key);
    await multi.expire(this.key, this.keyTtlSeconds).exec();
  }

  /** Unregisters the worker (RQ's death MULTI): out of the worker sets, `death` stamped, key kept 60 s. */
  async death(): Promise<void> {
    const multi = this.redis.multi().srem(keys.workers(), this.key);
    for (const queue of this.queues) multi.srem(keys.queueWorkers(queue), this.key);
    await multi
      .hset(this.key, { death: rqTimestamp(), state: "idle" })
      .hdel(this.key, "current_job")
      .expire(this.key, defaults.deadWorkerTtlSeconds)
      .exec();
  }

  async setState(state: WorkerState, extra: Record<string, string> = {}): Promise<void> {
    const update = this.redis.multi().hset(this.key, { state, last_heartbeat: rqTimestamp(), ...extra });
    // an idle worker has no current job (RQ deletes the field when a job ends)
    if (state === "idle") update.hdel(this.key, "current_job");
    await update.exec();
  }

  /** The address Redis sees for this connection (RQ reads it from CLIENT LIST), or "unknown". */
  private async ipAddress(): Promise<string> {
    try {
      const info = String(await this.redis.call("CLIENT", "INFO"));
      return /\baddr=(\S+)/.exec(info)?.[1] ?? "unknown";
    } catch {
      return "unknown";
    }
  }
}
