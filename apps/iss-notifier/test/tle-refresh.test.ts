import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TleFetchError, InvalidTleError } from "../lib/errors";
import { keys } from "../lib/keys";
import { BUNDLED_TLE_TEXT, checksum } from "../lib/tle";
import { startTleFixtureServer, type TleFixtureServer } from "../lib/tle-fixture-server";
import { currentTle } from "../lib/tle-store";
import { TASK_NAMES } from "../lib/task-names";
import { refreshTleTask, TLE_REFRESH_CRON } from "../tasks/refresh-tle";
import { ManualClock, testApp, useServers } from "./helpers";

const servers = useServers();
let source: TleFixtureServer;
beforeAll(async () => (source = await startTleFixtureServer()));
afterAll(() => source?.close());

/** The bundled TLE moved one day on: epoch day 325 instead of 324. */
function newerTle(): string {
  const [name, line1, line2] = BUNDLED_TLE_TEXT.trim().split("\n") as [string, string, string];
  const moved = line1.replace("26324.51736111", "26325.50000000");
  return `${name}\n${moved.slice(0, 68)}${checksum(moved)}\n${line2}\n`;
}

describe("the daily TLE refresh", () => {
  it("uses the bundled TLE until a refresh stores one", async () => {
    await servers.redis.del(keys.tle, keys.tleFetchedAt);
    expect(await currentTle(servers.redis)).toMatchObject({ source: "bundled", name: "ISS (ZARYA)", fetchedAt: undefined });
  });

  it("fetches, checks and stores a newer TLE, which predictions then use", async () => {
    source.serve(newerTle());
    const task = refreshTleTask(servers.redis, source.tleUrl, () => new Date("2026-11-21T04:17:00Z"));
    expect(await task.handler()).toEqual({ refreshed: true, name: "ISS (ZARYA)", epoch: "2026-11-21T12:00:00.000Z" });
    const tle = await currentTle(servers.redis);
    expect([tle.source, tle.epoch.toISOString(), tle.fetchedAt?.toISOString()]).toEqual(["fetched", "2026-11-21T12:00:00.000Z", "2026-11-21T04:17:00.000Z"]);
  });

  it("keeps the TLE in use when the source answers an error or sends a damaged TLE", async () => {
    const task = refreshTleTask(servers.redis, source.tleUrl, () => new Date());
    const before = await servers.redis.get(keys.tle);
    source.serve("Service Unavailable", 503);
    await expect(task.handler()).rejects.toThrow(TleFetchError);
    source.serve(newerTle().replace("51.6349", "51.6350"));
    await expect(task.handler()).rejects.toThrow(InvalidTleError);
    expect(await servers.redis.get(keys.tle)).toBe(before);
  });

  it("says the bundled TLE stays in use when no ISS_TLE_URL is configured", async () => {
    expect(await refreshTleTask(servers.redis, undefined, () => new Date()).handler()).toMatchObject({ refreshed: false });
  });

  it("runs daily at 04:17 UTC as a cron entry: the scheduler enqueues it then, and the worker stores the TLE", async () => {
    await servers.redis.del(keys.tle, keys.tleFetchedAt);
    source.serve(newerTle());
    const clock = new ManualClock(new Date());
    const app = testApp(servers, clock, { tleUrl: source.tleUrl });
    await app.queue.cron(TLE_REFRESH_CRON, TASK_NAMES.refreshTle, []);
    const nextRun = (await app.queue.cronEntries.get(TLE_REFRESH_CRON.id))!.nextRun!;
    expect([nextRun.getUTCHours(), nextRun.getUTCMinutes(), nextRun.getUTCSeconds()]).toEqual([4, 17, 0]);

    clock.set(new Date(nextRun.getTime() - 1000));
    await app.tick();
    expect(await app.queue.count()).toBe(0);
    clock.set(nextRun);
    await app.tick();
    expect(await app.queue.count()).toBe(1);
    await app.work();
    expect((await currentTle(servers.redis)).source).toBe("fetched");
    await app.release();
  });
});
