/**
 * Fetcher: gets jobs for a worker without a loss window.
 *
 * - `claim(n)` runs the claim script: up to n jobs are popped from the queues in priority order and
 *   marked started in the same atomic step. Given the finish script's arguments for outcomes waiting to
 *   be committed, it runs both scripts as one (finish-and-claim): one round trip, outcomes first.
 * - When every queue is empty, `waitForArrival()` blocks with one connection per queue, each on
 *   `BLMOVE rq:queue:{q} → rq:queue:{q}:intermediate` (RQ 2.x's reliable dequeue). An arrival sits in
 *   the intermediate list until `claim` takes it out atomically; if the worker dies in between,
 *   maintenance puts it back on its queue.
 */
import type { Redis } from "ioredis";
import { randomBytes } from "node:crypto";
import { keys } from "../keys.js";
import { claimScript } from "../lua/claim.js";
import { finishAndClaimScript } from "../lua/finish-and-claim.js";
import { releaseScript } from "../lua/release.js";
import { runScript, runScriptBuffer, type ScriptArg } from "../scripts.js";
import { splitHash } from "../job.js";
import { epochFloat, epochSeconds, rqTimestamp } from "../time.js";

/** A job the worker has started: it is in rq:wip as `{id}:{execution}`. */
export interface ClaimedJob {
  readonly queue: string;
  readonly id: string;
  readonly execution: string;
  /** The job hash's text fields with a value (RQ keeps unset ones as '', which are left out here). */
  readonly fields: Record<string, string>;
  readonly data: Buffer | undefined;
  /** Float epoch seconds of the start, as written to the execution hash. */
  readonly startedAtEpoch: string;
}

interface Arrival {
  queueIndex: number;
  id: string;
}

/** Jobs started, and how long until a rate-limited queue with waiting jobs may start more (0: none). */
export type ClaimResult = { jobs: ClaimedJob[]; waitMs: number } | "suspended";

/** What a claim did: its jobs, and the finish script's codes for the outcomes it committed first. */
export interface ClaimReply {
  result: ClaimResult;
  finishCodes: number[];
}

/** Random bytes for execution ids, drawn 4 KB (256 ids) at a time: one crypto call and no UUID string to trim per job. */
let idPool = Buffer.alloc(0);
let idOffset = 0;

/** A fresh execution id: 32 hex digits of a random version-4 UUID, as RQ's `uuid4().hex`. */
function executionId(): string {
  if (idOffset + 16 > idPool.length) {
    idPool = randomBytes(4096);
    idOffset = 0;
  }
  idPool[idOffset + 6] = (idPool[idOffset + 6]! & 0x0f) | 0x40; // version 4
  idPool[idOffset + 8] = (idPool[idOffset + 8]! & 0x3f) | 0x80; // RFC 4122 variant
  const id = idPool.toString("hex", idOffset, idOffset + 16);
  idOffset += 16;
  return id;
}

export class Fetcher {
  private readonly claimKeys: string[];
  private readonly blockers: Array<{ connection: Redis | undefined; pending: boolean }>;
  private readonly arrivals: Arrival[] = [];
  private wake: (() => void) | undefined;
  private closed = false;

  constructor(
    private readonly redis: Redis,
    private readonly workerName: string,
    private readonly queues: readonly string[],
    private readonly wipTtlSeconds: number,
    private readonly dequeueTimeoutSeconds: number,
    private readonly onError: (error: Error) => void,
  ) {
    this.claimKeys = [keys.suspended(), keys.worker(workerName)];
    for (const queue of queues) {
      this.claimKeys.push(keys.queue(queue), keys.intermediate(queue), keys.started(queue), keys.rateLimit(queue), keys.rateLimitWindow(queue));
    }
    this.blockers = queues.map(() => ({ connection: undefined, pending: false }));
  }

  /** Ids moved by a blocking dequeue and not yet claimed. */
  get hasArrivals(): boolean {
    return this.arrivals.length > 0;
  }

  /**
   * Starts up to `wanted` jobs (the next arrival first, if any), after committing the outcomes whose
   * finish-script arguments are given (`finishArgs`, from the Finisher) in the same script call.
   */
  async claim(wanted: number, finishArgs?: readonly ScriptArg[]): Promise<ClaimReply> {
    const arrival = this.arrivals.shift();
    const count = Math.max(wanted, arrival ? 1 : 0);
    const now = new Date();
    const startedAt = rqTimestamp(now);
    const startedAtEpoch = epochFloat(now);
    const nowSeconds = epochSeconds(now);
    const executions = Array.from({ length: count }, executionId);
    const claimArgs: ScriptArg[] = [
      count,
      arrival ? arrival.queueIndex : 0,
      arrival ? arrival.id : "",
      this.workerName,
      startedAt,
      startedAtEpoch,
      nowSeconds,
      this.wipTtlSeconds,
      nowSeconds + this.wipTtlSeconds,
      nowSeconds + this.wipTtlSeconds + 60,
      this.wipTtlSeconds + 60,
      ...executions,
    ];
    let reply: unknown[];
    let finishCodes: number[] = [];
    try {
      if (finishArgs) {
        const both = await runScriptBuffer<[number[], unknown[]]>(this.redis, finishAndClaimScript, this.claimKeys, [...claimArgs, ...finishArgs]);
        finishCodes = both[0];
        reply = both[1];
      } else {
        reply = await runScriptBuffer<unknown[]>(this.redis, claimScript, this.claimKeys, claimArgs);
      }
    } catch (error) {
      if (arrival) this.arrivals.unshift(arrival); // still in the intermediate list: try again later
      throw error;
    }
    return { result: this.parse(reply, startedAt, startedAtEpoch), finishCodes };
  }

  private parse(reply: unknown[], startedAt: string, startedAtEpoch: string): ClaimResult {
    if (String(reply[0]) === "suspended") return "suspended";
    const jobs = (reply.slice(2) as Array<[number, Buffer, Buffer, Buffer[]]>).map(([queueIndex, id, execution, flat]) => {
      const { fields, data } = splitHash(flat);
      // the script returns the hash as it was before the start it wrote: these are that start's fields
      fields.status = "started";
      fields.started_at = startedAt;
      fields.last_heartbeat = startedAt;
      fields.worker_name = this.workerName;
      return {
        queue: this.queues[queueIndex - 1]!,
        id: id.toString(),
        execution: execution.toString(),
        fields,
        // a copy: the reply's Buffers are views of the socket's 64 KB read chunk, which would otherwise
        // live (and be promoted by the GC) for as long as the job runs
        data: data && Buffer.from(data),
        startedAtEpoch,
      };
    });
    return { jobs, waitMs: Number(reply[1]) || 0 };
  }

  /**
   * Blocks until a job arrives on any queue, the dequeue timeout passes, or `close()` is called.
   * Resolves at once when an arrival is waiting already.
   */
  async waitForArrival(): Promise<void> {
    if (this.closed || this.arrivals.length > 0) return;
    const settled = new Promise<void>((resolve) => (this.wake = resolve));
    this.queues.forEach((_, index) => this.arm(index));
    await settled;
    this.wake = undefined;
  }

  /** Starts a blocking move on queue `index` unless one is under way. */
  private arm(index: number): void {
    const blocker = this.blockers[index]!;
    if (blocker.pending) return;
    const queue = this.queues[index]!;
    if (!blocker.connection) {
      blocker.connection = this.redis.duplicate({ connectionName: `${this.workerName}:blocking:${queue}` });
      blocker.connection.on("error", () => undefined); // reported through the failed command instead
    }
    blocker.pending = true;
    blocker.connection.blmove(keys.queue(queue), keys.intermediate(queue), "LEFT", "RIGHT", this.dequeueTimeoutSeconds).then(
      (id) => {
        blocker.pending = false;
        if (id !== null) this.arrivals.push({ queueIndex: index + 1, id });
        // wake on an arrival, or once every blocker has timed out
        if (id !== null || this.blockers.every((b) => !b.pending)) this.wake?.();
      },
      (error: Error) => {
        blocker.pending = false;
        if (!this.closed) this.onError(error);
        this.wake?.();
      },
    );
  }

  /** Stops blocking, gives unclaimed arrivals back to their queues and closes the blocking connections. */
  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    for (const blocker of this.blockers) blocker.connection?.disconnect();
    for (const arrival of this.arrivals.splice(0)) {
      const queue = this.queues[arrival.queueIndex - 1]!;
      await runScript<number>(this.redis, releaseScript, [keys.queue(queue), keys.intermediate(queue)], [arrival.id]).catch(
        this.onError,
      );
    }
  }
}
