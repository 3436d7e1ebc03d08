/**
 * Runs rqts's Lua scripts. Each is registered once per connection with ioredis `defineCommand` under
 * its versioned name (EVALSHA, falling back to EVAL after a SCRIPT FLUSH or a server restart).
 */
import type { ChainableCommander, Redis } from "ioredis";
import { scripts } from "./lua/index.js";

export type ScriptArg = string | number | Buffer;

interface Script {
  readonly name: string;
}

const registered = new WeakSet<Redis>();

function register(redis: Redis): void {
  if (registered.has(redis)) return;
  for (const script of scripts) redis.defineCommand(script.name, { lua: script.lua });
  registered.add(redis);
}

type ScriptFn = (numberOfKeys: number, ...args: ScriptArg[]) => Promise<unknown>;

function lookup(target: object, name: string): ScriptFn {
  const fn = (target as Record<string, unknown>)[name];
  if (typeof fn !== "function") throw new Error(`Lua script ${name} is not registered on this connection`);
  return (fn as ScriptFn).bind(target);
}

/** Runs a script; replies come back as strings and numbers. */
export function runScript<T>(redis: Redis, script: Script, keys: readonly string[], args: readonly ScriptArg[]): Promise<T> {
  register(redis);
  return lookup(redis, script.name)(keys.length, ...keys, ...args) as Promise<T>;
}

/** Runs a script whose reply carries binary data (the zlib `data` field): strings come back as Buffers. */
export function runScriptBuffer<T>(redis: Redis, script: Script, keys: readonly string[], args: readonly ScriptArg[]): Promise<T> {
  register(redis);
  return lookup(redis, `${script.name}Buffer`)(keys.length, ...keys, ...args) as Promise<T>;
}

/** A pipeline on which rqts's scripts can be queued (register before creating it). */
export function scriptPipeline(redis: Redis): ChainableCommander {
  register(redis);
  return redis.pipeline();
}

/** Queues a script call on a pipeline made by `scriptPipeline`. */
export function pipeScript(pipeline: ChainableCommander, script: Script, keys: readonly string[], args: readonly ScriptArg[]): void {
  void lookup(pipeline, script.name)(keys.length, ...keys, ...args);
}
