/**
 * Hostile input: random and malformed job hashes, ids, result streams and pub/sub messages written
 * straight into Redis (test/fixtures/reliability/hostile-jobs.ts lists every case). A worker process
 * must fail each bad job with a clear error and keep running; the Job API must read them without
 * throwing anything but its documented typed errors.
 *
 * The random parts come from a seeded generator: replay a failure with `RQTS_SEED=<n>` (printed).
 */
import { deflateSync } from "node:zlib";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  InvalidArgumentError,
  Job,
  JobFailedError,
  MalformedJobError,
  NoSuchJobError,
  Queue,
  QueueEvents,
  ResultTimeoutError,
  keys,
  sendCommand,
} from "../../src/index.js";
import { decodeExcString, encodePayload } from "../../src/serializer.js";
import { add } from "../fixtures/tasks.js";
import { killAllWorkers, spawnWorker } from "../fixtures/spawn-worker.js";
import { FORGED_LINE, hostileCatalog, jobKeyOf, randomMutants, writeHostileJobs, type HostileJob } from "../fixtures/reliability/hostile-jobs.js";
import { createPrng, seedFromEnvironment } from "../fixtures/reliability/prng.js";
import { eventually, uniqueQueue, useRedis } from "../helpers.js";

const ctx = useRedis();
const prng = createPrng(seedFromEnvironment());
console.log(`hostile-input seed ${prng.seed} (replay with RQTS_SEED=${prng.seed})`);

afterEach(killAllWorkers);
afterAll(() => expect(({} as Record<string, unknown>).polluted).toBeUndefined());

const childTimings = { heartbeatInterval: 200, abandonedGrace: 1000, maintenanceInterval: 500, intermediateGrace: 500, dequeueTimeout: "1s" };

/** Where a job ended, read straight from Redis (ids may be bytes). */
async function whereIs(queue: string, job: HostileJob) {
  const [finished, failed, wip, results, type] = await Promise.all([
    ctx.redis.zscore(keys.finished(queue), job.id),
    ctx.redis.zscore(keys.failed(queue), job.id),
    ctx.redis.zrange(keys.started(queue), "0", "-1"),
    ctx.redis.xrevrange(Buffer.concat([Buffer.from(keys.results("")), Buffer.from(job.id)]), "+", "-", "COUNT", 1),
    ctx.redis.type(jobKeyOf(job.id)),
  ]);
  const newest = Object.fromEntries(
    (results[0]?.[1] ?? []).flatMap((value, index, flat) => (index % 2 === 0 ? [[value, flat[index + 1]]] : [])),
  ) as Record<string, string>;
  const inWip = wip.some((member) => member.startsWith(`${job.id.toString()}:`));
  return { finished: finished !== null, failed: failed !== null, inWip, type, error: decodeExcString(newest.exc_string) ?? "" };
}

/** Why the job did not end as its case says, or undefined when it did. */
async function mismatch(queue: string, job: HostileJob): Promise<string | undefined> {
  const at = await whereIs(queue, job);
  const where = `finished=${at.finished} failed=${at.failed} wip=${at.inWip} key=${at.type} error=${at.error.split("\n").pop()}`;
  const fail = (why: string) => `${job.label}: ${why} (${where})`;
  if (at.inWip) return fail("left in rq:wip");
  switch (job.expect.outcome) {
    case "finished":
      return at.finished && !at.failed ? undefined : fail("expected finished");
    case "failed":
      if (!at.failed || at.finished) return fail("expected failed");
      return at.error.includes(job.expect.error) ? undefined : fail(`expected the error text to contain ${job.expect.error}`);
    case "settled":
      return at.finished !== at.failed ? undefined : fail("expected exactly one of finished and failed");
    case "dropped": {
      if (at.finished || at.failed) return fail("expected the id to be dropped, not run");
      const typeBefore = job.otherType ?? (job.hash ? "hash" : "none");
      return at.type === typeBefore ? undefined : fail(`expected the key to stay a ${typeBefore}`);
    }
  }
}

const SYNC_GETTERS = [
  "status", "taskName", "args", "kwargs", "origin", "description", "createdAt", "enqueuedAt", "startedAt", "endedAt",
  "lastHeartbeat", "workerName", "timeout", "resultTtl", "failureTtl", "ttl", "dependencyIds", "retriesLeft", "attempts",
  "repeatsLeft", "allowDependencyFailures", "rawFields", "meta",
] as const;
/** The getters that decode `data`: documented to throw MalformedJobError when it is not a valid call. */
const DECODING_GETTERS: ReadonlySet<string> = new Set(["taskName", "args", "kwargs"]);

/** Reads everything the Job API offers about a job; returns what threw other than a documented typed error. */
async function unexpectedErrors(id: string): Promise<string[]> {
  const problems: string[] = [];
  let job: Job;
  try {
    job = await Job.fetch(ctx.redis, id);
  } catch (error) {
    // "" is not a job id; a key of another type holds no job; an id with no key is no job
    if (id === "" && error instanceof InvalidArgumentError) return [];
    if (error instanceof MalformedJobError || error instanceof NoSuchJobError) return [];
    return [`Job.fetch(${JSON.stringify(id.slice(0, 40))}): ${String(error)}`];
  }
  for (const name of SYNC_GETTERS) {
    try {
      void job[name];
    } catch (error) {
      if (!(DECODING_GETTERS.has(name) && error instanceof MalformedJobError)) problems.push(`${name}: ${String(error)}`);
    }
  }
  const reads: Array<[string, () => Promise<unknown>]> = [
    ["getStatus", () => job.getStatus()],
    ["latestResult", () => job.latestResult()],
    ["results", () => job.results()],
    ["returnValue", () => job.returnValue()],
    ["dependencyStatuses", () => job.dependencyStatuses()],
    ["dependentIds", () => job.dependentIds()],
  ];
  for (const [name, read] of reads) await read().catch((error: unknown) => problems.push(`${name}: ${String(error)}`));
  return problems.map((problem) => `${JSON.stringify(id.slice(0, 40))} ${problem}`);
}

describe("hostile and malformed jobs written straight into Redis", () => {
  it("a worker process fails each with a clear error, runs the valid ones, drops ids with no job hash, and keeps running", async () => {
    const q = uniqueQueue("hostile");
    const jobs = [...hostileCatalog(q, "c", prng), ...randomMutants(q, "m", prng, 150)];
    jobs.push({ label: "the empty id", id: "", hash: { data: encodePayload({ taskName: "tests.add", args: [1, 2], kwargs: {} }) }, expect: { outcome: "finished" } });
    const child = spawnWorker({ redisUrl: ctx.server.url, queues: [q], concurrency: 4, ...childTimings });
    await child.ready();

    await writeHostileJobs(ctx.redis, q, jobs);
    const canaries = await new Queue(q, { connection: ctx.redis }).enqueueMany(Array.from({ length: 20 }, (_, i) => ({ task: add, args: [i, 1] })));
    await eventually(
      async () => [await ctx.redis.llen(keys.queue(q)), await ctx.redis.zcard(keys.started(q)), await ctx.redis.llen(keys.intermediate(q))],
      (left) => left.every((n) => n === 0),
      30_000,
    );
    for (const canary of canaries) expect(await canary.getStatus()).toBe("finished");

    const mismatches = (await Promise.all(jobs.map((job) => mismatch(q, job)))).filter(Boolean);
    expect(mismatches).toEqual([]);

    // nothing went wrong inside the worker: no failed claim, commit or maintenance, no crash; the only
    // errors it reports are failure callbacks with hostile names, each one named as not registered
    const reported = child.lines.filter((line) => line.startsWith("error ") || line.startsWith("log error "));
    const callbackErrors = reported.filter((line) => /callback .* failed: .*No task named/.test(line));
    expect(reported.filter((line) => !callbackErrors.includes(line))).toEqual([]);
    expect(child.lines.filter((line) => line.startsWith(FORGED_LINE))).toEqual([]); // the newline in the callback's name was escaped
    expect(child.alive()).toBe(true);
    const stringIds = jobs.map((job) => job.id).filter((id): id is string => typeof id === "string");
    expect((await Promise.all(stringIds.map(unexpectedErrors))).flat()).toEqual([]);

    child.kill("SIGTERM");
    expect(await child.exited).toEqual({ code: 0, signal: null });
  }, 60_000);

  it("the Job API reads every hostile job as written, throwing only MalformedJobError from the getters that decode the call", async () => {
    const q = uniqueQueue("hostile-read");
    const jobs = [...hostileCatalog(q, "r", prng), ...randomMutants(q, "rm", prng, 50)];
    await writeHostileJobs(ctx.redis, q, jobs);
    const stringIds = jobs.map((job) => job.id).filter((id): id is string => typeof id === "string");
    expect((await Promise.all(stringIds.map(unexpectedErrors))).flat()).toEqual([]);

    const malformed = await Job.fetch(ctx.redis, "r-1"); // "no data field"
    expect(() => malformed.taskName).toThrow(/no `data` field/);
    const wrongType = jobs.find((job) => job.otherType === "string")!;
    await expect(Job.fetch(ctx.redis, wrongType.id as string)).rejects.toThrow(MalformedJobError);
  });

  it("reads hostile result streams without throwing: unknown types, values that are not base64 or JSON, error texts that are not zlib", async () => {
    const id = `results-${prng.int(1, 1e9)}`;
    await ctx.redis.hset(keys.job(id), { status: "finished", origin: "nowhere" });
    const stream = keys.results(id);
    await ctx.redis.xadd(stream, "*", "type", "99", "return_value", "%%%not base64%%%", "exc_string", Buffer.from("plain text, not zlib").toString("base64"));
    await ctx.redis.xadd(stream, "*", "type", "1", "return_value", Buffer.from("{broken json").toString("base64"), "execution_started_at", "soon");
    await ctx.redis.xadd(stream, "*", "nothing", "useful");
    await ctx.redis.xadd(stream, "*", "type", "2", "exc_string", Buffer.from([0x78, 0x9c, 1, 2, 3]).toString("base64"));
    const bomb = deflateSync(Buffer.alloc(100 * 1024 * 1024), { level: 9 }).toString("base64");
    await ctx.redis.xadd(stream, "*", "type", "2", "exc_string", bomb);

    const job = await Job.fetch(ctx.redis, id);
    const history = await job.results();
    expect(history).toHaveLength(5);
    expect(history.map((result) => result.type)).toEqual(["failed", "failed", "failed", "successful", "failed"]);
    expect(history[0]!.excString).toMatch(/^\(error text not shown: zlib data in Redis inflates to more than 64 MiB/);
    expect(history[3]!.returnValue).toBe("{broken json");
    expect(history[4]!.excString).toBe("plain text, not zlib");
    expect(await job.returnValue()).toBeNull();
    // "finished", but the newest entry is a failure: the entry decides
    await expect(job.waitForResult({ timeout: 200 })).rejects.toThrow(JobFailedError);
    // not ended yet: it waits for a new entry
    await ctx.redis.hset(keys.job(id), "status", "queued");
    await expect(job.waitForResult({ timeout: 200 })).rejects.toThrow(ResultTimeoutError);
  });

  it("requeues a failed job whose ttl field EXPIRE cannot take, instead of leaving it out of its queue", async () => {
    const q = uniqueQueue("hostile-requeue");
    const ids: string[] = [];
    for (const ttl of ["100.5", "1e400", "nan", "abc", "-3"]) {
      const id = `requeue-${q}-${ttl}`;
      ids.push(id);
      await ctx.redis.hset(keys.job(id), { data: encodePayload({ taskName: "tests.add", args: [1, 2], kwargs: {} }), origin: q, status: "failed", ttl });
      await ctx.redis.zadd(keys.failed(q), "+inf", id);
      await (await Job.fetch(ctx.redis, id)).requeue();
    }
    expect(await ctx.redis.lrange(keys.queue(q), 0, -1)).toEqual(ids);
    expect(await ctx.redis.zcard(keys.failed(q))).toBe(0);
    for (const id of ids) expect(await ctx.redis.hget(keys.job(id), "status")).toBe("queued");
    expect(await ctx.redis.ttl(keys.job(ids[0]!))).toBeGreaterThanOrEqual(99); // "100.5" is 100 s: whole seconds, as RQ
  });

  it("ignores garbage on a worker's command channel and on the events channel, and keeps working", async () => {
    const q = uniqueQueue("hostile-pubsub");
    const events = new QueueEvents(q, { connection: ctx.redis });
    await events.ready();
    const seen: string[] = [];
    events.on("event", (event) => seen.push(`${event.event} ${event.jobId}`));
    const child = spawnWorker({ redisUrl: ctx.server.url, queues: [q], ...childTimings });
    await child.ready();

    const garbage = ["not json", "null", "[]", '"text"', "{}", '{"command": "__proto__"}', '{"command": "stop-job", "job_id": {"$gt": ""}}', '{"command": "constructor"}', "x".repeat(100_000)];
    for (const message of garbage) {
      await sendCommand(ctx.redis, child.name, { command: message }); // valid JSON, unknown command
      await ctx.redis.publish(keys.pubsub(child.name), message);
      await ctx.redis.publish(keys.events(q), message);
    }
    await ctx.redis.publish(keys.events(q), JSON.stringify({ event: "failed", job_id: "j", exc_string: "%%%", at: "never" }));

    const job = await new Queue(q, { connection: ctx.redis }).enqueue(add, [2, 3]);
    expect(await job.waitForResult({ timeout: "10s" })).toBe(5);
    await eventually(async () => seen, (list) => list.includes(`finished ${job.id}`));
    expect(seen).toContain("failed j");
    expect(child.alive()).toBe(true);
    expect(child.lines.filter((line) => line.includes("ignored")).length).toBeGreaterThanOrEqual(garbage.length);
    await events.close();
  });
});
