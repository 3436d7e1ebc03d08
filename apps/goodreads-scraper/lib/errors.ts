/**
 * The app's typed errors, in two families:
 *
 * - `ScraperError` and its subclasses: bad settings, bad requests, and page fetches that may work if
 *   tried again (a timeout, a 503). A job that throws one of these is retried while it has retries left.
 * - Failures that trying again cannot fix (a 404, a page robots.txt forbids, a page that is not a book)
 *   extend the library's `UnrecoverableError`, so the worker fails the job at once and keeps its
 *   retries unused: hammering a site for a page it said no to is exactly what a polite scraper avoids.
 *
 * Each message says what was wrong and what would be accepted, so a route can show it as is and a
 * worker log explains itself.
 */
import { UnrecoverableError } from "@rqts/queue";

/** Base class of the app's own errors that are not permanent page failures. */
export class ScraperError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An environment variable has a value the app cannot use. */
export class ConfigError extends ScraperError {
  constructor(
    /** The variable's name, e.g. `GOODREADS_SCRAPER_MODE`. */
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

/** One submitted URL that was refused, and why. */
export interface UrlProblem {
  /** Its position in the submitted list, from 0. */
  index: number;
  /** What was submitted (cut to 200 characters). */
  url: string;
  reason: string;
}

/** A request carried input the app refuses (answered with 400 and this message). */
export class InvalidInputError extends ScraperError {
  constructor(
    /** The field at fault, e.g. `urls`. */
    readonly field: string,
    message: string,
    /** For a list of URLs: each refused entry. Nothing is enqueued when any is refused. */
    readonly problems: readonly UrlProblem[] = [],
  ) {
    super(message);
  }
}

/** A request was refused as a whole (not one field): answered with `status` and this message. */
export class RequestRefusedError extends ScraperError {
  constructor(
    /** The HTTP status to answer with, e.g. 403, 413 or 415. */
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A page could not be fetched this time (timeout, connection refused, 429, 5xx): worth a retry. */
export class PageFetchError extends ScraperError {
  constructor(
    readonly url: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${url}: ${message}`, options);
  }
}

/** A page that will not become readable by trying again: 404, another 4xx, not HTML, too large, off-site redirect. */
export class PageUnavailableError extends UnrecoverableError {
  constructor(
    readonly url: string,
    message: string,
  ) {
    super(`${url}: ${message}`);
    this.name = "PageUnavailableError";
  }
}

/** The site's robots.txt does not allow this app's user agent to fetch the page. */
export class RobotsDisallowedError extends UnrecoverableError {
  constructor(
    readonly url: string,
    readonly userAgent: string,
  ) {
    super(`${url}: the site's robots.txt does not allow "${userAgent}" to fetch ${new URL(url).pathname}; the page was not requested`);
    this.name = "RobotsDisallowedError";
  }
}

/** A fetched page is not a book page this app can read (a title and an author are the least it needs). */
export class BookParseError extends UnrecoverableError {
  constructor(
    readonly url: string,
    /** What could not be found, e.g. `["author"]`. */
    readonly missing: readonly string[],
  ) {
    super(`${url}: not a readable book page: no ${missing.join(" and no ")} found (looked in JSON-LD, data-testid and classic markup)`);
    this.name = "BookParseError";
  }
}

/** A job named a URL the app's rules refuse (a job may come from any producer, not only this web app). */
export class UrlRefusedError extends UnrecoverableError {
  constructor(url: string, reason: string) {
    super(`${url.slice(0, 200)}: refused: ${reason}`);
    this.name = "UrlRefusedError";
  }
}
