/**
 * The app's typed errors. Each message says what was wrong and what would be accepted, so the CLI can
 * print it, a route can answer with it, and a failed job's error text explains itself.
 */

/** Base class of every error the mars-rover app throws on purpose. */
export class MarsRoverError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An environment variable has a value the app cannot use. */
export class ConfigError extends MarsRoverError {
  constructor(
    /** The variable's name, e.g. `NASA_API_URL`. */
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

/** A command-line option, form field or job argument the app refuses (a route answers 400). */
export class InvalidInputError extends MarsRoverError {
  constructor(
    /** The option or field at fault, e.g. `sols`. */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A request refused as a whole (not one field): answered with `status` and this message. */
export class RequestRefusedError extends MarsRoverError {
  constructor(
    /** The HTTP status to answer with, e.g. 403, 413 or 415. */
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * NASA's API answered with an error, or with something that is not its JSON. `retryable` says whether
 * asking again later can help: rate limits (429), server errors (5xx) and network failures can; a bad
 * key (403) or an unknown rover (400) cannot.
 */
export class NasaApiError extends MarsRoverError {
  constructor(
    message: string,
    /** The HTTP status, or `null` when no answer arrived (network error, timeout). */
    readonly status: number | null,
    readonly retryable: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A photo could not be downloaded or is not an image the app can read. */
export class PhotoDownloadError extends MarsRoverError {
  constructor(
    readonly url: string,
    message: string,
    /** Whether a later attempt can succeed (a 5xx or a network error), as for `NasaApiError`. */
    readonly retryable: boolean,
    options?: ErrorOptions,
  ) {
    super(`${url}: ${message}`, options);
  }
}
