import { describe, expect, it } from "vitest";
import { readConfig } from "../lib/config";
import { ConfigError } from "../lib/errors";

describe("the configuration", () => {
  it("has a documented default for every setting", () => {
    expect(readConfig({})).toEqual({
      redisUrl: "redis://127.0.0.1:6379",
      mode: "demo",
      pagesUrl: undefined,
      unitMs: 1000,
      queueName: "long-tasks",
      concurrency: 4,
      dashboardUrl: undefined,
      basicAuth: undefined,
      allowedHosts: undefined,
    });
  });

  it("reads every variable", () => {
    const config = readConfig({
      REDIS_URL: "redis://10.0.0.5:6380",
      LONG_TASKS_MODE: "production",
      LONG_TASKS_PAGES_URL: "http://127.0.0.1:4000/ignored/path",
      LONG_TASKS_UNIT_MS: "5",
      LONG_TASKS_QUEUE: "tasks-2",
      LONG_TASKS_CONCURRENCY: "8",
      LONG_TASKS_DASHBOARD_URL: "http://127.0.0.1:9181/rq",
      LONG_TASKS_BASIC_AUTH: "ada:lovelace",
      LONG_TASKS_ALLOWED_HOSTS: "python-rq.org, .Wikipedia.org",
    });
    expect(config).toMatchObject({ mode: "production", pagesUrl: "http://127.0.0.1:4000", unitMs: 5, queueName: "tasks-2", concurrency: 8 });
    expect(config.dashboardUrl).toBe("http://127.0.0.1:9181/rq");
    expect(config.basicAuth).toEqual({ user: "ada", password: "lovelace" });
    expect(config.allowedHosts).toEqual(["python-rq.org", ".wikipedia.org"]);
  });

  it("refuses a bad value with a ConfigError naming the variable and what it accepts", () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ LONG_TASKS_MODE: "staging" }, /^LONG_TASKS_MODE: must be "demo" or "production"/],
      [{ LONG_TASKS_UNIT_MS: "0" }, /^LONG_TASKS_UNIT_MS: must be a whole number from 1 to 60000/],
      [{ LONG_TASKS_UNIT_MS: "fast" }, /^LONG_TASKS_UNIT_MS/],
      [{ LONG_TASKS_PAGES_URL: "ftp://pages" }, /^LONG_TASKS_PAGES_URL: must be an http:\/\/ or https:\/\/ URL/],
      [{ LONG_TASKS_QUEUE: "has space" }, /^LONG_TASKS_QUEUE/],
      [{ LONG_TASKS_BASIC_AUTH: "nopassword" }, /^LONG_TASKS_BASIC_AUTH: must be "user:password"/],
      [{ LONG_TASKS_ALLOWED_HOSTS: "ok.org,http://bad" }, /^LONG_TASKS_ALLOWED_HOSTS: "http:\/\/bad" is not a host name/],
    ];
    for (const [env, message] of cases) {
      expect(() => readConfig(env)).toThrow(ConfigError);
      expect(() => readConfig(env)).toThrow(message);
    }
  });
});
