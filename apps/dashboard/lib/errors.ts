/**
 * The dashboard's typed errors. Each message names what was wrong and what would be accepted, so a
 * misconfigured deployment or a bad link says how to fix itself.
 */

/** Base of every error the dashboard itself throws (the library's errors extend `RqtsError`). */
export class DashboardError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An environment variable has a value the dashboard cannot use; the server answers 503 until fixed. */
export class ConfigError extends DashboardError {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable} ${problem}`);
  }
}

/** A request parameter (path segment, query or form field) is not acceptable: answered with 400. */
export class InvalidInputError extends DashboardError {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field} ${problem}`);
  }
}

/** A Redis instance did not answer; pages show this instead of failing. */
export class RedisUnavailableError extends DashboardError {
  constructor(
    readonly label: string,
    cause: unknown,
  ) {
    super(`Redis at ${label} did not answer: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
