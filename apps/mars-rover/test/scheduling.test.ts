/**
 * Scheduling, as in the RQ Scheduler post: fetches in/at a time, a cron entry that fetches a rover's
 * latest photos, listing and canceling — served by the scheduler inside the workers (withScheduler).
 */
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, Job } from "@rqts/queue";
import { eventually } from "@rqts/testing";
import { enqueueFetches } from "../lib/enqueue-fetch";
import type { FetchResult } from "../lib/fetch-run";
import { parseFetchRequest } from "../lib/fetch-request";
import { cancelScheduledFetch, readSchedule, removeLatest, scheduleLatest } from "../lib/schedule";
import type { SolSummary } from "../lib/summary";
import { startTestWorkers, testSetup, useServers } from "./helpers";

const ctx = useServers();

describe("scheduled fetches", () => {
  it("wait in the schedule until due, then the scheduler queues them and they run", async () => {
    const { config, queues } = testSetup(ctx);
    const [run] = await enqueueFetches(queues.api, parseFetchRequest({ rover: "perseverance", sols: "103", in: "1s" }), config);
    expect(run!.status).toBe("scheduled");
    const { jobs } = await readSchedule(queues.api);
    expect(jobs).toEqual([{ id: run!.id, kind: "sol", rover: "perseverance", sol: 103, camera: null, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), retry: false }]);
    const workers = startTestWorkers(ctx, config);
    try {
      const result = (await run!.waitForResult({ timeout: "15s" })) as FetchResult;
      expect([result.sol, result.photoCount]).toEqual([103, 4]);
      expect((await readSchedule(queues.api)).jobs).toEqual([]);
    } finally {
      await workers.stop();
    }
  });

  it("can be canceled before they are due, and then never run", async () => {
    const { config, queues } = testSetup(ctx);
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const [run] = await enqueueFetches(queues.api, parseFetchRequest({ rover: "curiosity", sols: "1008", at }), config);
    expect(await cancelScheduledFetch(queues.api, run!.id)).toBe(run!.id);
    expect([await run!.getStatus(), (await readSchedule(queues.api)).jobs]).toEqual(["canceled", []]);
    await expect(cancelScheduledFetch(queues.api, run!.id)).rejects.toThrow(`No fetch with id ${run!.id} is waiting for its time (it may have started already)`);
  });
});

describe("the latest-photos cron entry", () => {
  it("fires on its pattern: each tick fetches the rover's latest sol and fans it out", async () => {
    const { config, queues } = testSetup(ctx);
    const entry = await scheduleLatest(queues.api, { rover: "curiosity", pattern: "* * * * * *" }, config); // every second
    expect(entry).toMatchObject({ id: "latest-curiosity", rover: "curiosity", camera: null, pattern: "* * * * * *", timezone: "UTC", paused: false });
    const workers = startTestWorkers(ctx, config);
    try {
      const fired = await eventually(() => queues.api.finished.jobIds(), (ids) => ids.length > 0, 15_000);
      expect(fired[0]).toMatch(new RegExp(`^cron-${queues.api.name}-latest-curiosity-\\d{8}T\\d{6}Z$`));
      const result = (await (await Job.fetch(ctx.redis, fired[0]!)).returnValue()) as FetchResult;
      expect([result.rover, result.sol]).toEqual(["curiosity", 1009]); // the fixtures' latest sol
      const summary = (await (await Job.fetch(ctx.redis, result.summaryJobId!)).waitForResult({ timeout: "15s" })) as SolSummary;
      expect([summary.sol, summary.processed]).toEqual([1009, 4]);
      const listed = (await readSchedule(queues.api)).entries;
      expect(listed.map((e) => [e.id, e.lastJobId !== null, Date.parse(e.nextRun!) > Date.now() - 1000])).toEqual([["latest-curiosity", true, true]]);
    } finally {
      await workers.stop();
    }
    expect(await removeLatest(queues.api, "latest-curiosity")).toBe("latest-curiosity");
    expect((await readSchedule(queues.api)).entries).toEqual([]);
  });

  it("registered again, as at every start, stays one entry with its next run unchanged", async () => {
    const { config, queues } = testSetup(ctx);
    const first = await scheduleLatest(queues.api, { rover: "perseverance", camera: "navcam_left", pattern: "0 6 * * *", timezone: "Europe/Berlin" }, config);
    const again = await scheduleLatest(queues.api, { rover: "perseverance", camera: "NAVCAM_LEFT", pattern: "0 6 * * *", timezone: "Europe/Berlin" }, config);
    expect(first.id).toBe("latest-perseverance-navcam-left");
    expect(again).toEqual(first);
    expect((await readSchedule(queues.api)).entries).toHaveLength(1);
  });

  it("refuses a pattern or time zone the scheduler could not use, and removing an unknown entry", async () => {
    const { config, queues } = testSetup(ctx);
    await expect(scheduleLatest(queues.api, { rover: "curiosity", pattern: "every morning" }, config)).rejects.toThrow(InvalidArgumentError);
    await expect(scheduleLatest(queues.api, { rover: "curiosity", pattern: "0 6 * * *", timezone: "Mars/Gale_Crater" }, config)).rejects.toThrow(InvalidArgumentError);
    await expect(scheduleLatest(queues.api, { rover: "curiosity", pattern: "" }, config)).rejects.toThrow(/pattern: a cron pattern such as "0 6 \* \* \*"/);
    await expect(removeLatest(queues.api, "latest-nobody")).rejects.toThrow(`There is no cron entry latest-nobody on ${queues.api.name}`);
    expect((await readSchedule(queues.api)).entries).toEqual([]);
  });
});
