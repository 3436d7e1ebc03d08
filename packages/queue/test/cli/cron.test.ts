/** `rqts cron list|pause|resume|remove`: the real binary against entries registered through the library. */
import { beforeAll, describe, expect, it } from "vitest";
import { Queue } from "../../src/index.js";
import { ensureBuilt, rqts } from "../fixtures/cli/run-cli.js";
import { add } from "../fixtures/tasks.js";
import { uniqueQueue, useRedis } from "../helpers.js";

const ctx = useRedis();

beforeAll(ensureBuilt, 120_000);

function cli(...args: string[]) {
  return rqts(args, { redisUrl: ctx.server.url });
}

describe("rqts cron", () => {
  it("lists entries with schedule, task and next run; pause, resume and remove change them", async () => {
    const queue = new Queue(uniqueQueue("cron"), { connection: ctx.redis });
    await queue.enqueue(add, [0, 0]); // so the queue is listed in rq:queues
    await queue.cron({ id: "nightly", pattern: "30 2 * * *", timezone: "Europe/Berlin" }, add, [1, 2]);

    const listed = await cli("cron", "list", queue.name);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/nightly\s+30 2 \* \* \* \(Europe\/Berlin\)\s+tests\.add\(1,2\)/);
    expect(listed.stdout).toMatch(/1 entry/);

    const json = await cli("cron", "list", "--json");
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ id: "nightly", queue: queue.name, paused: false })]);

    expect((await cli("cron", "pause", queue.name, "nightly")).stdout).toMatch(/Paused cron entry nightly/);
    expect((await queue.cronEntries.get("nightly"))?.paused).toBe(true);
    expect((await cli("cron", "list", queue.name)).stdout).toMatch(/nightly.*paused/);

    expect((await cli("cron", "resume", queue.name, "nightly")).stdout).toMatch(/Resumed cron entry nightly on .*; next run \d{4}-/);
    expect((await queue.cronEntries.get("nightly"))?.paused).toBe(false);

    expect((await cli("cron", "remove", queue.name, "nightly")).code).toBe(0);
    expect(await queue.cronEntries.count()).toBe(0);
  });

  it("fails clearly for an unknown entry, an unknown action and missing arguments", async () => {
    const queue = uniqueQueue("cron");
    const unknown = await cli("cron", "pause", queue, "nope");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/nope/);
    const removed = await cli("cron", "remove", queue, "nope");
    expect(removed.code).toBe(1);
    expect(removed.stderr).toMatch(/No cron entry "nope"/);
    const action = await cli("cron", "explode");
    expect(action.code).toBe(2);
    expect(action.stderr).toMatch(/Unknown cron action "explode": use one of list, pause, resume, remove/);
    const missing = await cli("cron", "pause", queue);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Usage: rqts cron pause <queue> <entry-id>/);
  });
});
