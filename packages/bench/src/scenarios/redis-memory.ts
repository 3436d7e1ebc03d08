/**
 * Scenario 8: Redis memory per job. On an empty server: `used_memory` (INFO memory) once the producer
 * is connected, again with N jobs waiting, and again after a worker completed them all (each library's
 * default retention: rqts keeps the job, its result stream and the finished-registry entry for 500 s;
 * BullMQ and bee-queue keep completed jobs until removed).
 *
 * Redis 7 pre-allocates ~4 KB for every new stream node (`stream-node-max-bytes`, default 4096), and
 * rqts, like RQ, keeps one result stream per job, so a second figure is taken for rqts with the setting
 * its docs recommend, `stream-node-max-bytes 256`, set on the bench's own server for that run only.
 */
import type { Redis } from "ioredis";
import type { LibraryName } from "../adapters/adapter.js";
import { usedMemory } from "../runtime/redis.js";
import { processQueued } from "./processing.js";
import { interleavedFigures, sequences, withFreshQueue, type BenchContext, type ResultRow, type Scenario } from "./scenario.js";

/** The server setting the docs recommend for rqts (and RQ): small stream nodes for per-job result streams. */
export const RECOMMENDED_STREAM_NODE_MAX_BYTES = 256;

async function bytesPerJob(ctx: BenchContext, library: LibraryName): Promise<{ waiting: number; finished: number }> {
  const n = ctx.sizes.jobs;
  return withFreshQueue(ctx, library, async (adapter) => {
    const empty = await usedMemory(ctx.redis.admin);
    await adapter.enqueueBulk(sequences(n));
    const waiting = await usedMemory(ctx.redis.admin);
    await processQueued(adapter, n, 100);
    const finished = await usedMemory(ctx.redis.admin);
    return { waiting: (waiting - empty) / n, finished: (finished - empty) / n };
  });
}

async function withStreamNodeMaxBytes<T>(admin: Redis, bytes: number, use: () => Promise<T>): Promise<T> {
  const [, previous] = (await admin.config("GET", "stream-node-max-bytes")) as [string, string];
  await admin.config("SET", "stream-node-max-bytes", String(bytes));
  try {
    return await use();
  } finally {
    await admin.config("SET", "stream-node-max-bytes", previous);
  }
}

export const redisMemoryScenario: Scenario = {
  id: "redis-memory",
  title: "Redis memory per job",
  async run(ctx): Promise<ResultRow[]> {
    const figures = await interleavedFigures(ctx, "redis-memory", async (library) => {
      const defaults = await bytesPerJob(ctx, library);
      const figures: Record<string, number> = { waiting: defaults.waiting, finished: defaults.finished };
      if (library === "rqts") {
        const tuned = await withStreamNodeMaxBytes(ctx.redis.admin, RECOMMENDED_STREAM_NODE_MAX_BYTES, () => bytesPerJob(ctx, library));
        figures["finished, recommended settings"] = tuned.finished;
      }
      return figures;
    });
    return [
      { id: "redis-memory/waiting", scenario: "redis-memory", label: "Redis memory per waiting job", unit: "B", better: "lower", values: figures.waiting! },
      { id: "redis-memory/finished", scenario: "redis-memory", label: "Redis memory per finished job", unit: "B", better: "lower", values: figures.finished!, note: "server defaults" },
      {
        id: "redis-memory/finished-recommended",
        scenario: "redis-memory",
        label: `  rqts with stream-node-max-bytes ${RECOMMENDED_STREAM_NODE_MAX_BYTES}`,
        unit: "B",
        better: "lower",
        values: figures["finished, recommended settings"] ?? {},
        note: "the server setting rqts's docs recommend; peers shown with server defaults above",
      },
    ];
  },
};
