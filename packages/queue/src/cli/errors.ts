/**
 * The CLI's own errors, and the exit code each error leads to:
 * 0 success · 1 the operation failed (Redis unreachable, unknown job or queue, task module broken,
 * job in the wrong state) · 2 the command line itself was wrong (unknown option, bad value, bad JSON).
 */
import { InvalidArgumentError, RqtsError } from "../errors.js";

/** The command line was wrong; the message says what and the help the command has. */
export class UsageError extends InvalidArgumentError {}

/** Redis could not be reached or refused us; the message says why and where the URL came from. */
export class RedisUnreachableError extends RqtsError {}

/** The task module given to `rqts worker --tasks` could not be found or loaded. */
export class TaskModuleError extends RqtsError {}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** The exit code for an error: bad input is 2, anything else that went wrong is 1. */
export function exitCodeOf(error: unknown): number {
  return error instanceof InvalidArgumentError ? EXIT.usage : EXIT.failed;
}
