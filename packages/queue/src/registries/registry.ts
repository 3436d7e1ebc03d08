/**
 * A job registry: a sorted set of job ids per queue (RQ's BaseRegistry). Reads never clean up as a
 * side effect (RQ's `count` does); expired entries are removed by worker maintenance or `cleanup()`.
 */
import type { Redis } from "ioredis";
import { epochSeconds } from "../time.js";

export interface ListOptions {
  /** First position (0-based). @defaultValue 0 */
  start?: number;
  /** Last position, inclusive; -1 is the end. @defaultValue -1 */
  end?: number;
  /** `asc`: oldest score first. @defaultValue "asc" */
  order?: "asc" | "desc";
}

export class Registry {
  constructor(
    readonly connection: Redis,
    readonly queueName: string,
    /** The sorted set's key. */
    readonly key: string,
  ) {}

  /** How many jobs the registry holds. */
  count(): Promise<number> {
    return this.connection.zcard(this.key);
  }

  /** Job ids in score order, a page at a time (never the whole registry unless asked). */
  async jobIds(options: ListOptions = {}): Promise<string[]> {
    const start = options.start ?? 0;
    const end = options.end ?? -1;
    const members = options.order === "desc"
      ? await this.connection.zrevrange(this.key, start, end)
      : await this.connection.zrange(this.key, String(start), String(end));
    return members.map((member) => this.memberToId(member));
  }

  /** Whether the job is in the registry. */
  async contains(jobId: string): Promise<boolean> {
    return (await this.connection.zscore(this.key, jobId)) !== null;
  }

  /** The member's score as a date (expiry, due or registration time, by registry). */
  async scoreOf(jobId: string): Promise<number | null> {
    const score = await this.connection.zscore(this.key, jobId);
    return score === null ? null : Number(score);
  }

  protected memberToId(member: string): string {
    return member;
  }
}

/**
 * Registries whose score is the time an entry expires (finished, failed): `count` leaves out expired
 * entries without deleting them, and `cleanup()` deletes them.
 */
export class ExpiringRegistry extends Registry {
  override count(): Promise<number> {
    return this.connection.zcount(this.key, `(${epochSeconds()}`, "+inf");
  }

  /** Removes entries whose time has passed (the jobs' hashes have expired already). */
  cleanup(now: Date = new Date()): Promise<number> {
    return this.connection.zremrangebyscore(this.key, 0, epochSeconds(now));
  }
}
