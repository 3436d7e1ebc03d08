/**
 * The URL prefix the dashboard is served under (Next.js `basePath`), for running behind a reverse
 * proxy at e.g. `https://example.org/admin/rq`. Next.js fixes it at build time: `DASHBOARD_BASE_PATH`
 * is read by next.config.ts during `next build` and inlined here. `<Link>` and `redirect()` add it on
 * their own; plain URLs (form actions, `fetch`, `Location` headers, cookie paths) use `withBasePath`.
 */
import { ConfigError } from "./errors";

/** Checks a `DASHBOARD_BASE_PATH` value: `""` (none) or `/segment[/segment…]`, with no trailing slash. */
export function parseBasePath(value: string | undefined): string {
  const text = (value ?? "").trim();
  if (text === "" || text === "/") return "";
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(text) || text.split("/").some((segment) => segment === "." || segment === "..")) {
    throw new ConfigError("DASHBOARD_BASE_PATH", `must look like "/rq" or "/admin/rq" (no trailing slash, no query), got "${text}"`);
  }
  return text;
}

/** The prefix this build serves under: `""` at the root. */
export function basePath(): string {
  // A plain property read, so that Next.js can inline the value next.config.ts gave it at build time.
  return process.env.DASHBOARD_BASE_PATH ?? "";
}

/** An absolute path inside the dashboard, e.g. `withBasePath("/0/actions")` → `/rq/0/actions`. */
export function withBasePath(path: string): string {
  return `${basePath()}${path}`;
}
