/**
 * What the app's two commands share: reading options (an unknown option or bad value exits 2 with the
 * usage), connecting to Redis (exits 1 with what to do when nothing answers), and printing errors.
 * Exit codes: 0 done · 1 the operation failed · 2 the command line was wrong.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Redis } from "ioredis";
import { InvalidArgumentError } from "@rqts/queue";
import { readConfig, type MarsRoverConfig } from "../lib/config";
import { ConfigError, InvalidInputError } from "../lib/errors";
import { appQueues, type AppQueues } from "../lib/queues";
import { connectRedis } from "../lib/redis";

export interface CommandContext {
  config: MarsRoverConfig;
  redis: Redis;
  queues: AppQueues;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Reads the command line; a mistake prints the message and `usage`, and exits 2. */
export function readCommandLine<T extends Options>(options: T, usage: string) {
  try {
    return parseArgs({ options, allowPositionals: true, strict: true });
  } catch (error) {
    fail(2, `${(error as Error).message}\n${usage}`);
  }
}

/** Runs `body` with the configuration and a Redis connection; maps errors to exit codes. */
export async function runCommand(usage: string, body: (context: CommandContext) => Promise<void>): Promise<void> {
  let redis: Redis | undefined;
  try {
    const config = readConfig();
    redis = await connectRedis(config.redisUrl);
    await body({ config, redis, queues: appQueues(redis, config) });
  } catch (error) {
    if (error instanceof InvalidInputError || error instanceof InvalidArgumentError) fail(2, `${(error as Error).message}\n${usage}`);
    fail(1, error instanceof ConfigError ? `configuration: ${error.message}` : (error as Error).message);
  } finally {
    redis?.disconnect();
  }
}

/** Prints `message` to stderr and ends the process with `code`. */
export function fail(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}
