/** The NASA client against the fake API: shapes, filters, and which errors are worth a retry. */
import { describe, expect, it } from "vitest";
import { NasaApiError } from "../lib/errors";
import { NasaClient } from "../lib/nasa-client";
import { useServers } from "./helpers";

const ctx = useServers();
const client = () => new NasaClient({ baseUrl: ctx.nasa.url, apiKey: ctx.nasa.apiKey, timeoutMs: 5000 });

async function apiError(call: Promise<unknown>): Promise<NasaApiError> {
  const error = await call.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NasaApiError);
  return error as NasaApiError;
}

describe("NasaClient", () => {
  it("lists a sol's photos with their camera, date and image address, and the calls left", async () => {
    const { photos, rateLimitRemaining } = await client().photosOfSol("curiosity", 1000, null);
    expect(photos).toHaveLength(ctx.nasa.photos("curiosity").filter((photo) => photo.sol === 1000).length);
    expect(photos[0]).toEqual({ id: 424_901, rover: "curiosity", sol: 1000, camera: "FHAZ", imgSrc: `${ctx.nasa.url}/images/424901.png`, earthDate: "2015-05-30" });
    expect(rateLimitRemaining).toBeGreaterThan(0);
  });

  it("filters by camera, and finds a rover's latest sol", async () => {
    const mast = await client().photosOfSol("curiosity", 1003, "MAST");
    expect(new Set(mast.photos.map((photo) => photo.camera))).toEqual(new Set(["MAST"]));
    const latest = await client().latestPhotos("perseverance", null);
    expect(new Set(latest.photos.map((photo) => photo.sol))).toEqual(new Set([104]));
  });

  it("says a sol without photos has none", async () => {
    expect((await client().photosOfSol("curiosity", 1001, null)).photos).toEqual([]);
  });

  it("reports a rate limit (429) as worth retrying, with the limit and the wait the API asks for", async () => {
    ctx.nasa.failNext(1, 429);
    const error = await apiError(client().photosOfSol("curiosity", 1000, null));
    expect([error.status, error.retryable]).toEqual([429, true]);
    expect(error.message).toMatch(/^NASA's API answered 429 OVER_RATE_LIMIT: .* \(rate limit of 1000 calls reached; retry after 3600 s\)$/);
  });

  it("reports a server error (5xx) and an unreachable server as worth retrying", async () => {
    ctx.nasa.failNext(1, 503);
    expect((await apiError(client().photosOfSol("curiosity", 1000, null))).retryable).toBe(true);
    const nowhere = new NasaClient({ baseUrl: "http://127.0.0.1:1", apiKey: "DEMO_KEY", timeoutMs: 2000 });
    const error = await apiError(nowhere.photosOfSol("curiosity", 1000, null));
    expect([error.status, error.retryable]).toEqual([null, true]);
  });

  it("reports a bad key and a wrong base URL as not worth retrying, saying what to check, with the key hidden", async () => {
    const badKey = await apiError(new NasaClient({ baseUrl: ctx.nasa.url, apiKey: "WRONG_KEY" }).photosOfSol("curiosity", 1000, null));
    expect([badKey.status, badKey.retryable]).toEqual([403, false]);
    expect(badKey.message).toMatch(/API_KEY_INVALID.*: check NASA_API_KEY$/);
    expect(badKey.message).toContain("api_key=***");
    expect(badKey.message).not.toContain("WRONG_KEY");
    const wrongBase = await apiError(new NasaClient({ baseUrl: `${ctx.nasa.url}/v2`, apiKey: ctx.nasa.apiKey }).latestPhotos("curiosity", null));
    expect(wrongBase.message).toMatch(/answered 404 .*: check NASA_API_URL \(the part before \/api\/v1\)$/);
  });
});
