/**
 * The fan-out on a real Redis with the fake NASA: a fetch job makes one photo job per photo and a
 * summary job that waits for all of them, released when the last one ends.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Job } from "@rqts/queue";
import { readPngSize } from "@rqts/testing";
import { enqueueFetches } from "../lib/enqueue-fetch";
import { fanOut } from "../lib/fan-out";
import type { FetchResult } from "../lib/fetch-run";
import { parseFetchRequest } from "../lib/fetch-request";
import { photoJobId, summaryJobId } from "../lib/job-ids";
import type { MarsPhoto } from "../lib/nasa-client";
import type { SolSummary } from "../lib/summary";
import { loadSummary } from "../lib/summary-store";
import { TASK_NAMES } from "../lib/task-names";
import { startTestWorkers, testSetup, useServers } from "./helpers";

const ctx = useServers();

describe("a fetch job's fan-out", () => {
  it("makes one photo job per photo of the sol, and a summary job deferred until they end", async () => {
    const { config, queues } = testSetup(ctx);
    const [run] = await enqueueFetches(queues.api, parseFetchRequest({ rover: "curiosity", sols: "1000" }), config);
    const workers = startTestWorkers(ctx, config, ["api"]); // no photo worker yet: the fan-out stays put
    try {
      const result = (await run!.waitForResult({ timeout: "15s" })) as FetchResult;
      const expected = ctx.nasa.photos("curiosity").filter((photo) => photo.sol === 1000);
      expect(result.photoCount).toBe(expected.length);
      expect(result.photoJobIds).toEqual(expected.map((photo) => photoJobId(run!.id, photo.id)));
      expect(await queues.photos.count()).toBe(expected.length);
      expect(await queues.photos.deferred.jobIds()).toEqual([summaryJobId(run!.id)]);
      const summaryJob = await Job.fetch(ctx.redis, summaryJobId(run!.id));
      expect([summaryJob.status, summaryJob.dependencyIds.length, summaryJob.allowDependencyFailures]).toEqual(["deferred", expected.length, true]);
      expect(result.randomPhoto).toMatch(new RegExp(`^${ctx.nasa.url}/images/\\d+\\.png$`));
    } finally {
      await workers.stop();
    }
  });

  it("releases the summary when the last photo job ends; the summary measures every photo and is saved", async () => {
    const { config, queues } = testSetup(ctx);
    const [run] = await enqueueFetches(queues.api, parseFetchRequest({ rover: "curiosity", sols: "1002" }), config);
    const workers = startTestWorkers(ctx, config);
    try {
      const result = (await run!.waitForResult({ timeout: "15s" })) as FetchResult;
      const summary = (await (await Job.fetch(ctx.redis, result.summaryJobId!)).waitForResult({ timeout: "15s" })) as SolSummary;
      // Released only once every photo job had ended, as Redis recorded their times.
      const summaryJob = await Job.fetch(ctx.redis, result.summaryJobId!);
      const photoJobs = await Promise.all(result.photoJobIds.map((id) => Job.fetch(ctx.redis, id)));
      const lastPhotoEnd = Math.max(...photoJobs.map((job) => job.endedAt!.getTime()));
      expect(summaryJob.startedAt!.getTime()).toBeGreaterThanOrEqual(lastPhotoEnd);

      const fixtures = ctx.nasa.photos("curiosity").filter((photo) => photo.sol === 1002);
      const images = await Promise.all(fixtures.map(async (photo) => Buffer.from(await (await fetch(`${ctx.nasa.url}/images/${photo.id}.png`)).arrayBuffer())));
      expect(summary).toMatchObject({ runId: run!.id, rover: "curiosity", sol: 1002, camera: null, photoCount: 7, processed: 7, failed: 0, duplicates: 0 });
      expect(summary.totalBytes).toBe(images.reduce((sum, image) => sum + image.length, 0));
      expect(summary.cameras).toEqual([{ camera: "NAVCAM", photos: 4 }, { camera: "MAHLI", photos: 3 }]);
      expect(summary.photos.map(({ id, width, height, sha256 }) => ({ id, width, height, sha256 }))).toEqual(
        fixtures.map((photo, i) => ({ id: photo.id, ...readPngSize(images[i]!), sha256: createHash("sha256").update(images[i]!).digest("hex") })),
      );
      expect(await loadSummary(ctx.redis, { rover: "curiosity", sol: 1002, camera: null })).toEqual(summary);
    } finally {
      await workers.stop();
    }
  });

  it("summarises a sol without photos as having none", async () => {
    const { config, queues } = testSetup(ctx);
    const [run] = await enqueueFetches(queues.api, parseFetchRequest({ rover: "curiosity", sols: "1001" }), config);
    const workers = startTestWorkers(ctx, config);
    try {
      const result = (await run!.waitForResult({ timeout: "15s" })) as FetchResult;
      expect([result.photoCount, result.photoJobIds, result.randomPhoto]).toEqual([0, [], null]);
      const summary = (await (await Job.fetch(ctx.redis, result.summaryJobId!)).waitForResult({ timeout: "15s" })) as SolSummary;
      expect([summary.photoCount, summary.processed, summary.totalBytes]).toEqual([0, 0, 0]);
    } finally {
      await workers.stop();
    }
  });

  it("is written once: a fetch run again after its fan-out was written finds it there and adds nothing", async () => {
    const { queues } = testSetup(ctx);
    const photos: MarsPhoto[] = ctx.nasa.photos("curiosity").filter((p) => p.sol === 1006).map((p) => ({ id: p.id, rover: "curiosity", sol: 1006, camera: p.camera.name, imgSrc: `${ctx.nasa.url}/images/${p.id}.png`, earthDate: p.earthDate }));
    const day = { rover: "curiosity", sol: 1006, camera: null, earthDate: photos[0]!.earthDate };
    expect((await fanOut(queues.photos, "run-1", day, photos)).created).toBe(true);
    const again = await fanOut(queues.photos, "run-1", day, photos);
    expect(again).toEqual({ photoJobIds: [photoJobId("run-1", photos[0]!.id)], summaryJobId: summaryJobId("run-1"), created: false });
    expect([await queues.photos.count(), await queues.photos.deferred.count()]).toEqual([1, 1]);
  });

  it("counts a photo on a host that is not allowed as failed at once, without retries, and still summarises", async () => {
    const { config, queues } = testSetup(ctx);
    const hostile: MarsPhoto = { id: 1, rover: "curiosity", sol: 1, camera: "FHAZ", imgSrc: "http://169.254.169.254/latest/meta-data/", earthDate: "2012-08-07" };
    await fanOut(queues.photos, "run-ssrf", { rover: "curiosity", sol: 1, camera: null, earthDate: "2012-08-07" }, [hostile], { max: 3 });
    const workers = startTestWorkers(ctx, config, ["photos"]);
    try {
      const summary = (await (await Job.fetch(ctx.redis, summaryJobId("run-ssrf"))).waitForResult({ timeout: "15s" })) as SolSummary;
      expect([summary.processed, summary.failed]).toEqual([0, 1]);
      expect(summary.failures[0]?.error).toMatch(/^UnrecoverableError: .*169\.254\.169\.254 is not an image host this app downloads from/);
      const photoJob = await Job.fetch(ctx.redis, photoJobId("run-ssrf", 1));
      expect([photoJob.status, photoJob.attempts, photoJob.retriesLeft]).toEqual(["failed", 1, 3]);
      expect(ctx.nasa.requests().some((request) => request.path.includes("meta-data"))).toBe(false);
    } finally {
      await workers.stop();
    }
  });

  it("refuses arguments no producer of this app writes, without retries", async () => {
    const { config, queues } = testSetup(ctx);
    const job = await queues.api.enqueue(TASK_NAMES.fetchSol, ["pluto", 1000, null], { retry: { max: 3 } });
    const workers = startTestWorkers(ctx, config, ["api"]);
    try {
      await expect(job.waitForResult({ timeout: "15s" })).rejects.toThrow(/rover must be one of curiosity, perseverance, opportunity, spirit; got "pluto"/);
      await job.refresh();
      expect([job.status, job.attempts]).toEqual(["failed", 1]);
    } finally {
      await workers.stop();
    }
  });
});
