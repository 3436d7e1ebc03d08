import { describe, expect, it } from "vitest";
import { parseBasePath } from "../lib/base-path";
import { ConfigError } from "../lib/errors";
import { DEFAULT_POLL_MS, readSettings, redactRedisUrl } from "../lib/settings";

describe("settings from the environment", () => {
  it("defaults to one Redis on 127.0.0.1:6379, open and read-only, refreshing every 2.5 s", () => {
    const settings = readSettings({});
    expect(settings.redis).toEqual([{ index: 0, url: "redis://127.0.0.1:6379", label: "redis://127.0.0.1:6379" }]);
    expect(settings.credentials).toBeUndefined();
    expect(settings.readOnly).toBe(true);
    expect(settings.readOnlyReason).toMatch(/no credentials are configured \(set DASHBOARD_USER and DASHBOARD_PASSWORD, or DASHBOARD_TOKEN\)/);
    expect(settings.pollMs).toBe(DEFAULT_POLL_MS);
  });

  it("uses REDIS_URL, and DASHBOARD_REDIS_URLS over it as a comma-separated list of instances", () => {
    expect(readSettings({ REDIS_URL: "redis://10.0.0.5:6380/2" }).redis.map((r) => r.url)).toEqual(["redis://10.0.0.5:6380/2"]);
    const settings = readSettings({ REDIS_URL: "redis://ignored:1", DASHBOARD_REDIS_URLS: "redis://a:6379/0, rediss://:s3cret@b:6380/1" });
    expect(settings.redis).toEqual([
      { index: 0, url: "redis://a:6379/0", label: "redis://a:6379/0" },
      { index: 1, url: "rediss://:s3cret@b:6380/1", label: "rediss://:***@b:6380/1" },
    ]);
  });

  it("refuses a Redis URL that is not redis:// or rediss://, naming the entry without its password", () => {
    expect(() => readSettings({ DASHBOARD_REDIS_URLS: "redis://a:1,http://:pw@b:2" })).toThrow(
      new ConfigError("DASHBOARD_REDIS_URLS", 'must hold redis:// or rediss:// URLs, comma-separated (entry 2: "http://:***@b:2/"), e.g. redis://127.0.0.1:6379/0'),
    );
    expect(() => readSettings({ REDIS_URL: "localhost:6379" })).toThrow(/^REDIS_URL must hold redis:\/\/ or rediss:\/\/ URLs/);
  });

  it("enables actions when HTTP Basic credentials or a token are configured", () => {
    const basic = readSettings({ DASHBOARD_USER: "ada", DASHBOARD_PASSWORD: "lovelace" });
    expect(basic.credentials).toEqual({ basic: { user: "ada", password: "lovelace" }, token: undefined });
    expect(basic.readOnly).toBe(false);
    const token = readSettings({ DASHBOARD_TOKEN: "t".repeat(16) });
    expect(token.credentials).toEqual({ basic: undefined, token: "t".repeat(16) });
    expect(token.readOnly).toBe(false);
  });

  it("stays read-only with credentials when DASHBOARD_READ_ONLY is set", () => {
    const settings = readSettings({ DASHBOARD_TOKEN: "t".repeat(16), DASHBOARD_READ_ONLY: "1" });
    expect([settings.readOnly, settings.readOnlyReason]).toEqual([true, "DASHBOARD_READ_ONLY is set"]);
    expect(readSettings({ DASHBOARD_TOKEN: "t".repeat(16), DASHBOARD_READ_ONLY: "false" }).readOnly).toBe(false);
    expect(() => readSettings({ DASHBOARD_READ_ONLY: "maybe" })).toThrow('DASHBOARD_READ_ONLY must be 1/true/yes/on or 0/false/no/off, got "maybe"');
  });

  it("refuses half-configured or weak credentials, naming the variable", () => {
    expect(() => readSettings({ DASHBOARD_USER: "ada" })).toThrow(/^DASHBOARD_PASSWORD must be set too/);
    expect(() => readSettings({ DASHBOARD_PASSWORD: "lovelace" })).toThrow(/^DASHBOARD_USER must be set too/);
    expect(() => readSettings({ DASHBOARD_USER: "a:b", DASHBOARD_PASSWORD: "c" })).toThrow(/^DASHBOARD_USER must not contain a colon/);
    expect(() => readSettings({ DASHBOARD_TOKEN: "short" })).toThrow(/^DASHBOARD_TOKEN must be at least 16 characters/);
    expect(() => readSettings({ DASHBOARD_SECRET: "short" })).toThrow(/^DASHBOARD_SECRET must be at least 32 characters/);
  });

  it("takes a poll interval from 500 ms to 60 s", () => {
    expect(readSettings({ DASHBOARD_POLL_MS: "1000" }).pollMs).toBe(1000);
    expect(() => readSettings({ DASHBOARD_POLL_MS: "10" })).toThrow('DASHBOARD_POLL_MS must be a whole number from 500 to 60000, got "10"');
  });

  it("hides the password of a Redis URL", () => {
    expect(redactRedisUrl("redis://user:pw@host:6379/3")).toBe("redis://user:***@host:6379/3");
    expect(redactRedisUrl("not a url")).toBe("(an unparsable URL)");
  });
});

describe("the URL prefix (DASHBOARD_BASE_PATH)", () => {
  it("accepts nothing, / and absolute paths without a trailing slash", () => {
    expect(parseBasePath(undefined)).toBe("");
    expect(parseBasePath("/")).toBe("");
    expect(parseBasePath("/admin/rq")).toBe("/admin/rq");
  });

  it("refuses relative paths, trailing slashes, queries and dot segments", () => {
    for (const bad of ["rq", "/rq/", "/rq?x=1", "/a/../b", "//evil.example"]) {
      expect(() => parseBasePath(bad), bad).toThrow(/^DASHBOARD_BASE_PATH must look like "\/rq" or "\/admin\/rq"/);
    }
  });
});
