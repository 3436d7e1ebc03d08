import { eventually, freePort } from "@rqts/testing";
import { useRedis } from "@rqts/testing/vitest";
import type { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { connectRedis, printableUrl, sharedRedis } from "../src/index.js";

const ctx = useRedis();
const opened: Redis[] = [];
afterAll(() => opened.forEach((redis) => redis.disconnect()));
afterEach(() => vi.restoreAllMocks());

describe("printableUrl", () => {
  it("hides a password, with or without a user name", () => {
    expect(printableUrl("redis://:s3cret@example.com:6380/2")).toBe("redis://***@example.com:6380/2");
    expect(printableUrl("rediss://app:s3cret@example.com:6380")).toBe("rediss://***@example.com:6380");
  });

  it("leaves a URL without credentials as it is", () => {
    expect(printableUrl("redis://127.0.0.1:6379/0")).toBe("redis://127.0.0.1:6379/0");
  });
});

describe("connectRedis", () => {
  it("resolves with a connection that answers", async () => {
    const redis = await connectRedis(ctx.server.url);
    opened.push(redis);
    expect(redis.status).toBe("ready");
    expect(await redis.ping()).toBe("PONG");
  });

  it("passes options on to ioredis", async () => {
    const redis = await connectRedis(ctx.server.url, { maxRetriesPerRequest: 3 });
    opened.push(redis);
    expect(redis.options.maxRetriesPerRequest).toBe(3);
    expect(redis.options.lazyConnect).toBe(true);
  });

  it("rejects at once when nothing listens, saying where it looked and hiding the password", async () => {
    const port = await freePort();
    const started = Date.now();
    const failure = await connectRedis(`redis://:s3cret@127.0.0.1:${port}/0`).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(failure!.message).toContain(`redis://***@127.0.0.1:${port}/0`);
    expect(failure!.message).toMatch(/ECONNREFUSED/);
    expect(failure!.message).toMatch(/start redis-server or set REDIS_URL/);
    expect(failure!.message).not.toContain("s3cret");
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe("sharedRedis", () => {
  it("gives one connection per app and URL, and replaces it when the URL changes", async () => {
    const first = sharedRedis("app-kit-test", ctx.server.url);
    opened.push(first);
    expect(sharedRedis("app-kit-test", ctx.server.url)).toBe(first);
    expect(await first.ping()).toBe("PONG");

    const other = sharedRedis("app-kit-other", ctx.server.url);
    opened.push(other);
    expect(other).not.toBe(first);

    const sameServer = ctx.server.url.replace("127.0.0.1", "localhost");
    const replaced = sharedRedis("app-kit-test", sameServer);
    opened.push(replaced);
    expect(replaced).not.toBe(first);
    await eventually(() => first.status, (status) => status === "end", 3000); // the old one is closed, not leaked
    expect(sharedRedis("app-kit-test", sameServer)).toBe(replaced);
    expect(await replaced.ping()).toBe("PONG");
  });

  it("fails commands after a few retries rather than hanging, and logs errors with the app's name", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const port = await freePort();
    const redis = sharedRedis("app-kit-down", `redis://:s3cret@127.0.0.1:${port}`);
    opened.push(redis);
    expect(redis.options.maxRetriesPerRequest).toBe(2);
    await expect(redis.ping()).rejects.toThrow();
    const lines = logged.mock.calls.map((call) => String(call[0]));
    expect(lines.some((line) => line.startsWith(`app-kit-down: Redis at redis://***@127.0.0.1:${port}: `))).toBe(true);
    expect(lines.join("\n")).not.toContain("s3cret");
  });
});
