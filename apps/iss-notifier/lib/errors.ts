/**
 * The app's typed errors. Each message names what was wrong and what would be accepted, so a web
 * route can show it as-is and a log line is enough to fix the cause.
 */

/** Base class: everything the app throws on purpose. `status` is the HTTP status a route answers with. */
export class IssNotifierError extends Error {
  readonly status: number = 500;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** An environment variable has a value the app cannot use. */
export class ConfigError extends IssNotifierError {
  override readonly status = 503;
  constructor(readonly variable: string, problem: string) {
    super(`${variable} ${problem}`);
  }
}

/** A subscription form (phone number or location) failed validation. */
export class InvalidSubscriptionError extends IssNotifierError {
  override readonly status = 400;
  constructor(readonly field: "phone" | "latitude" | "longitude" | "label", message: string) {
    super(message);
  }
}

/** A two-line element set is malformed (wrong length, bad checksum, not a number where one belongs). */
export class InvalidTleError extends IssNotifierError {
  override readonly status = 422;
}

/** No pass above the minimum elevation within the search window: the place is too far north or south. */
export class NoPassFoundError extends IssNotifierError {
  override readonly status = 422;
}

/** Fetching a fresh TLE failed (network, status, timeout or size). */
export class TleFetchError extends IssNotifierError {
  override readonly status = 502;
}
