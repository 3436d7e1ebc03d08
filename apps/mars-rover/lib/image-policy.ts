/**
 * Which photo addresses the worker may download. The addresses come from the API's answers, so a
 * compromised or mistaken server could name any URL — an internal service, a cloud metadata address:
 * the worker only fetches `http(s)` URLs without credentials on the API's own host or on the image hosts
 * configured (MARS_ROVER_IMAGE_HOSTS, `.nasa.gov` by default). Every redirect hop is checked again.
 */
import type { MarsRoverConfig } from "./config";
import { PhotoDownloadError } from "./errors";

/** The hosts photos may come from. */
export interface ImagePolicy {
  /** Host names; a leading dot also allows subdomains (`.nasa.gov`). */
  allowedHosts: readonly string[];
}

/** The policy of a configuration: the API's host, plus the image hosts. */
export function imagePolicy(config: Pick<MarsRoverConfig, "nasaUrl" | "imageHosts">): ImagePolicy {
  return { allowedHosts: [new URL(config.nasaUrl).hostname.toLowerCase(), ...config.imageHosts] };
}

/** The longest photo address accepted. */
export const MAX_IMAGE_URL_LENGTH = 2048;

/** Checks an address against the policy; returns it parsed, or throws `PhotoDownloadError` (not retryable) saying why. */
export function checkImageUrl(text: string, policy: ImagePolicy): URL {
  const url = text.length <= MAX_IMAGE_URL_LENGTH && URL.canParse(text) ? new URL(text) : undefined;
  if (!url) throw new PhotoDownloadError(text.slice(0, 100), `not a URL of at most ${MAX_IMAGE_URL_LENGTH} characters`, false);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new PhotoDownloadError(url.href, "only http:// and https:// photos are downloaded", false);
  if (url.username || url.password) throw new PhotoDownloadError(url.href, "a URL with a user name or password is not downloaded", false);
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (!policy.allowedHosts.some((allowed) => hostMatches(host, allowed))) {
    throw new PhotoDownloadError(url.href, `${host} is not an image host this app downloads from (${policy.allowedHosts.join(", ")}; see MARS_ROVER_IMAGE_HOSTS)`, false);
  }
  return url;
}

/** `mars.nasa.gov` matches itself; `.nasa.gov` matches `nasa.gov` and its subdomains. */
export function hostMatches(host: string, allowed: string): boolean {
  if (!allowed.startsWith(".")) return host === allowed;
  return host === allowed.slice(1) || host.endsWith(allowed);
}
