/**
 * The app's typed errors. Each message says what was wrong and what would be accepted, so a route
 * handler can show it to the user as is and a worker log explains itself.
 */

/** Base class of every error the long-tasks app throws on purpose. */
export class LongTasksError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An environment variable has a value the app cannot use. */
export class ConfigError extends LongTasksError {
  constructor(
    /** The variable's name, e.g. `LONG_TASKS_MODE`. */
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

/** A request carried input the app refuses (answered with 400 and this message). */
export class InvalidInputError extends LongTasksError {
  constructor(
    /** The form or JSON field at fault, e.g. `url`. */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A page could not be fetched or is not something whose words can be counted. */
export class PageFetchError extends LongTasksError {
  constructor(
    readonly url: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${url}: ${message}`, options);
  }
}

/** A request was refused as a whole (not one field): answered with `status` and this message. */
export class RequestRefusedError extends LongTasksError {
  constructor(
    /** The HTTP status to answer with, e.g. 403, 413 or 415. */
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
