import { describe, expect, it } from "vitest";
import { describeRateLimit, NASA_PUBLIC_URL, readConfig } from "../lib/config";
import { ConfigError } from "../lib/errors";

describe("readConfig", () => {
  it("defaults to NASA's published API with DEMO_KEY, api.nasa.gov's hourly limit and the mars-rover queues", () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      redisUrl: "redis://127.0.0.1:6379",
      nasaUrl: NASA_PUBLIC_URL,
      nasaKey: "DEMO_KEY",
      imageHosts: [".nasa.gov"],
      queuePrefix: "mars-rover",
      apiRateLimit: { max: 1000, durationMs: 3_600_000 },
      maxRetries: 4,
      retryDelayMs: 2000,
      apiConcurrency: 2,
      photoConcurrency: 4,
      basicAuth: undefined,
    });
  });

  it("reads the base URL without a trailing slash, so paths join cleanly", () => {
    expect(readConfig({ NASA_API_URL: "http://127.0.0.1:4000/mars-photos/" }).nasaUrl).toBe("http://127.0.0.1:4000/mars-photos");
  });

  it("reads rate limits as max/duration, or off, and describes them in the largest whole unit", () => {
    expect(readConfig({ MARS_ROVER_API_RATE_LIMIT: "4/10s" }).apiRateLimit).toEqual({ max: 4, durationMs: 10_000 });
    expect(readConfig({ MARS_ROVER_API_RATE_LIMIT: "off" }).apiRateLimit).toBeNull();
    expect(describeRateLimit(readConfig({}).apiRateLimit)).toBe("at most 1000 API calls per 1 h");
    expect(describeRateLimit({ max: 3, durationMs: 1500 })).toBe("at most 3 API calls per 1500 ms");
    expect(describeRateLimit(null)).toBe("no rate limit");
  });

  it.each([
    ["NASA_API_URL", "ftp://example.org", /^NASA_API_URL: must be an http:\/\/ or https:\/\/ URL/],
    ["NASA_API_URL", "https://api.example.org/?api_key=x", /without query or credentials/],
    ["NASA_API_KEY", "has spaces", /^NASA_API_KEY: must be 1 to 128 letters/],
    ["MARS_ROVER_API_RATE_LIMIT", "10 per hour", /^MARS_ROVER_API_RATE_LIMIT: must be "max\/duration" such as "30\/1h"/],
    ["MARS_ROVER_RETRY_DELAY", "500ms", /^MARS_ROVER_RETRY_DELAY: must be a duration from 1 s/],
    ["MARS_ROVER_RETRY_DELAY", "2", /with a unit/],
    ["MARS_ROVER_MAX_RETRIES", "-1", /^MARS_ROVER_MAX_RETRIES: must be a whole number from 0 to 20/],
    ["MARS_ROVER_QUEUE_PREFIX", "mars:rover", /^MARS_ROVER_QUEUE_PREFIX: must be 1 to 61 letters/],
    ["MARS_ROVER_IMAGE_HOSTS", "mars.nasa.gov, not a host", /"not a host" is not a host name/],
    ["MARS_ROVER_BASIC_AUTH", "nopassword", /^MARS_ROVER_BASIC_AUTH: must be "user:password"/],
  ])("refuses %s=%j with a ConfigError naming it", (variable, value, message) => {
    const attempt = () => readConfig({ [variable]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
  });
});
