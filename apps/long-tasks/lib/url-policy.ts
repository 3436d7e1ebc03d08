/**
 * Which URLs the word counter accepts. The web app checks a submitted URL before enqueueing it, and the
 * task checks it again before fetching (a job may come from any producer, not only this web app).
 *
 * - Every mode: `http:` or `https:` only, at most 2,048 characters, no user name or password in it.
 *   A URL without a scheme gets `http://`, as in the realpython app.
 * - Demo mode: only pages of the fixture pages server (`LONG_TASKS_PAGES_URL`).
 * - Production mode: any host but `localhost`, `*.localhost`, `*.local`, `*.internal` and IP literals
 *   that are not public; with `LONG_TASKS_ALLOWED_HOSTS`, only those hosts. The fetcher also refuses
 *   any host that *resolves* to a non-public address (see public-address.ts).
 */
import { isIP } from "node:net";
import type { LongTasksConfig, Mode } from "./config";
import { ConfigError, InvalidInputError } from "./errors";
import { isPublicAddress } from "./public-address";

/** The longest URL accepted. */
export const MAX_URL_LENGTH = 2048;

export interface UrlPolicy {
  mode: Mode;
  /** Demo mode: the origin of the fixture pages server, the only one allowed. */
  pagesUrl?: string | undefined;
  /** Production mode: the hosts allowed (a leading dot allows subdomains); none means any public host. */
  allowedHosts?: readonly string[] | undefined;
}

/** The policy the configuration describes. */
export function urlPolicy(config: Pick<LongTasksConfig, "mode" | "pagesUrl" | "allowedHosts">): UrlPolicy {
  return { mode: config.mode, pagesUrl: config.pagesUrl, allowedHosts: config.allowedHosts };
}

const INTERNAL_SUFFIXES = [".localhost", ".local", ".internal"];

/**
 * Checks a submitted URL against the policy and returns it parsed. Throws `InvalidInputError` (field
 * `url`) saying why it was refused, or `ConfigError` in demo mode without a fixture pages server.
 */
export function checkPageUrl(input: unknown, policy: UrlPolicy): URL {
  if (typeof input !== "string" || input.trim() === "") throw new InvalidInputError("url", "Enter the URL of a web page");
  const text = input.trim();
  if (text.length > MAX_URL_LENGTH) {
    throw new InvalidInputError("url", `The URL is ${text.length} characters long; at most ${MAX_URL_LENGTH} are accepted`);
  }
  const withScheme = /^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  const url = URL.canParse(withScheme) ? new URL(withScheme) : undefined;
  if (!url) throw new InvalidInputError("url", `"${text}" is not a URL`);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidInputError("url", `Only http:// and https:// pages can be counted, not ${url.protocol}// URLs`);
  }
  if (url.username || url.password) throw new InvalidInputError("url", "A URL with a user name or password is not accepted");
  return policy.mode === "demo" ? checkDemoUrl(url, policy) : checkProductionUrl(url, policy);
}

function checkDemoUrl(url: URL, policy: UrlPolicy): URL {
  if (!policy.pagesUrl) {
    throw new ConfigError(
      "LONG_TASKS_PAGES_URL",
      "demo mode counts words only on the fixture pages server, and none is configured: start it with `npm run pages -w @rqts/long-tasks` and set the URL it prints (or use LONG_TASKS_MODE=production)",
    );
  }
  if (url.origin !== new URL(policy.pagesUrl).origin) {
    throw new InvalidInputError("url", `In demo mode only pages of the fixture pages server (${policy.pagesUrl}) can be counted`);
  }
  return url;
}

function checkProductionUrl(url: URL, policy: UrlPolicy): URL {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
  if (host === "localhost" || INTERNAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
    throw new InvalidInputError("url", `${host} is a local name: only public web pages can be counted`);
  }
  if (isIP(host) !== 0 && !isPublicAddress(host)) {
    throw new InvalidInputError("url", `${host} is not a public address: only public web pages can be counted`);
  }
  if (policy.allowedHosts && !policy.allowedHosts.some((allowed) => hostMatches(host, allowed))) {
    throw new InvalidInputError("url", `${host} is not among the allowed hosts (${policy.allowedHosts.join(", ")})`);
  }
  return url;
}

/** `example.org` matches itself; `.example.org` matches it and its subdomains. */
function hostMatches(host: string, allowed: string): boolean {
  if (!allowed.startsWith(".")) return host === allowed;
  return host === allowed.slice(1) || host.endsWith(allowed);
}
