import { afterEach, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { startRedis, type RedisServer } from "../src/index.js";

describe("startRedis", () => {
  let server: RedisServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it("starts a private server on a free port that is never 6379", async () => {
    server = await startRedis();
    expect(server.port).not.toBe(6379);
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    expect(await server.client().ping()).toBe("PONG");
  });

  it("runs without persistence", async () => {
    server = await startRedis();
    const config = (await server.client().config("GET", "appendonly")) as string[];
    expect(config).toEqual(["appendonly", "no"]);
    const save = (await server.client().config("GET", "save")) as string[];
    expect(save).toEqual(["save", ""]);
  });

  it("stops the server and removes its directory", async () => {
    server = await startRedis();
    const { pid, dir } = server;
    await server.stop();
    server = undefined;
    expect(() => process.kill(pid, 0)).toThrow();
    expect(existsSync(dir)).toBe(false);
  });

  it("gives two servers two different ports", async () => {
    server = await startRedis();
    const other = await startRedis();
    try {
      expect(other.port).not.toBe(server.port);
    } finally {
      await other.stop();
    }
  });

  it("explains how to install redis-server when the binary is missing", async () => {
    const saved = process.env.REDIS_SERVER_BIN;
    process.env.REDIS_SERVER_BIN = "/nonexistent/redis-server";
    try {
      await expect(startRedis()).rejects.toThrow(/apt-get install -y redis-server/);
    } finally {
      if (saved === undefined) delete process.env.REDIS_SERVER_BIN;
      else process.env.REDIS_SERVER_BIN = saved;
    }
  });
});
