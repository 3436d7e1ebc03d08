/**
 * The bench's own redis-server (persistence off, a free port, never 6379) and what the scenarios read
 * from it: `INFO memory` and the server's CPU time, which tells how busy Redis was during a run.
 */
import type { Redis } from "ioredis";
import { startRedis, type RedisServer } from "@rqts/testing";
import type { RedisTarget } from "../adapters/adapter.js";

export interface BenchRedis {
  server: RedisServer;
  target: RedisTarget;
  /** An admin connection: FLUSHALL between runs, INFO, CONFIG. */
  admin: Redis;
  version: string;
}

export async function startBenchRedis(): Promise<BenchRedis> {
  const server = await startRedis();
  const admin = server.client();
  const version = (await info(admin, "server")).redis_version ?? "unknown";
  return { server, target: { host: "127.0.0.1", port: server.port }, admin, version };
}

/** One `INFO` section as name → value. */
export async function info(admin: Redis, section: string): Promise<Record<string, string>> {
  const text = await admin.info(section);
  const fields: Record<string, string> = {};
  for (const line of text.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0 && !line.startsWith("#")) fields[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return fields;
}

/** `used_memory` in bytes. */
export async function usedMemory(admin: Redis): Promise<number> {
  return Number((await info(admin, "memory")).used_memory);
}

/** CPU seconds the server's main thread has used (user + system), to time Redis's share of a run. */
export async function serverCpuSeconds(admin: Redis): Promise<number> {
  const cpu = await info(admin, "cpu");
  const user = Number(cpu.used_cpu_user_main_thread ?? cpu.used_cpu_user);
  const system = Number(cpu.used_cpu_sys_main_thread ?? cpu.used_cpu_sys);
  return user + system;
}

/** Empties the server between runs, so each starts from the same state and memory is given back. */
export async function reset(admin: Redis): Promise<void> {
  await admin.flushall();
}

/**
 * One client round trip (PING, awaited one after another) in µs: the floor of a worker that pays one
 * round trip per job at concurrency 1. Median of 5 rounds of 2,000.
 */
export async function roundTripMicros(admin: Redis): Promise<number> {
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    for (let i = 0; i < 2_000; i++) await admin.ping();
    rounds.push(((performance.now() - started) / 2_000) * 1000);
  }
  return rounds.sort((a, b) => a - b)[2]!;
}
