import { describe, expect, it } from "vitest";
import { photoJobId, runIdOf, summaryJobId } from "../lib/job-ids";
import { summarize, summaryLine, type PhotoInfo } from "../lib/summary";
import { fetchLine, finishedLine, jobRole, oneLine, retryingLine } from "../lib/worker-log";

const photo = (id: number, camera: string, width: number, height: number, sha256: string): PhotoInfo => ({
  id,
  camera,
  imgSrc: `http://127.0.0.1/images/${id}.png`,
  bytes: width * height,
  width,
  height,
  format: "png",
  sha256,
});
const day = { rover: "curiosity", sol: 1000, camera: null, earthDate: "2015-05-30" };

describe("summarize", () => {
  it("adds up processed photos: bytes, photos per camera (most first), the largest, copies", () => {
    const summary = summarize(
      "run-1",
      day,
      [
        { jobId: "b", ok: true, photo: photo(2, "NAVCAM", 10, 10, "aa") },
        { jobId: "a", ok: true, photo: photo(1, "MAST", 30, 20, "bb") },
        { jobId: "c", ok: true, photo: photo(3, "NAVCAM", 10, 10, "aa") },
        { jobId: "d", ok: false, error: "UnrecoverableError: not an image" },
      ],
      new Date("2026-11-28T09:00:00Z"),
    );
    expect(summary).toEqual({
      runId: "run-1",
      ...day,
      photoCount: 4,
      processed: 3,
      failed: 1,
      totalBytes: 800,
      cameras: [
        { camera: "NAVCAM", photos: 2 },
        { camera: "MAST", photos: 1 },
      ],
      largest: { id: 1, width: 30, height: 20 },
      duplicates: 1,
      photos: [expect.objectContaining({ id: 1 }), expect.objectContaining({ id: 2 }), expect.objectContaining({ id: 3 })],
      failures: [{ jobId: "d", error: "UnrecoverableError: not an image" }],
      summarizedAt: "2026-11-28T09:00:00.000Z",
    });
    expect(summaryLine(summary)).toBe("curiosity sol 1000 summary: 3 of 4 photos processed, 1 failed, 800 bytes (NAVCAM 2, MAST 1)");
  });

  it("says so when the sol has no photos", () => {
    expect(summaryLine(summarize("run-2", { ...day, sol: 1001 }, []))).toBe("curiosity sol 1001 summary: no photos that sol");
  });
});

describe("job ids of a run", () => {
  it("name photo and summary jobs after the run, so any of their ids leads back to it", () => {
    expect(photoJobId("4f9d-1c2e", 424901)).toBe("4f9d-1c2e_photo_424901");
    expect(summaryJobId("cron-mars-api-latest-curiosity-20261128T060000Z")).toBe("cron-mars-api-latest-curiosity-20261128T060000Z_summary");
    expect(runIdOf("4f9d-1c2e_photo_424901")).toBe("4f9d-1c2e");
    expect(runIdOf("4f9d-1c2e")).toBe("4f9d-1c2e");
    expect([jobRole("4f9d"), jobRole("4f9d_photo_1"), jobRole("4f9d_summary")]).toEqual(["fetch", "photo", "summary"]);
  });
});

describe("the worker's lines", () => {
  const result = {
    rover: "curiosity",
    sol: 1000,
    camera: null,
    earthDate: "2015-05-30",
    photoCount: 2,
    randomPhoto: "http://127.0.0.1/images/1.png",
    photoJobIds: ["r_photo_1", "r_photo_2"],
    summaryJobId: "r_summary",
    skipped: 0,
    rateLimitRemaining: 997,
  };

  it("print a fetched sol with its fan-out and a random photo, as the original printed one", () => {
    expect(fetchLine(result)).toBe(
      "curiosity sol 1000: 2 photos → 2 photo jobs and a summary job waiting for them; a random one: http://127.0.0.1/images/1.png (NASA calls left: 997)",
    );
    expect(fetchLine({ ...result, photoCount: 0, photoJobIds: [], randomPhoto: null, rateLimitRemaining: null })).toBe("curiosity sol 1000: no photos that sol");
    expect(finishedLine("r_photo_1", {})).toBeNull(); // photos finish quietly
  });

  it("escape control characters, so data from NASA or Redis cannot forge a line", () => {
    expect(oneLine("one\ntwo\u001b[31m")).toBe("one\\ntwo\\u001b[31m");
    expect(retryingLine("r", "mars-rover.fetch-sol('curiosity', 1000, None)", new Error("NASA's API answered 429\nfake"))).toBe(
      "retrying r mars-rover.fetch-sol('curiosity', 1000, None): NASA's API answered 429\\nfake",
    );
  });
});
