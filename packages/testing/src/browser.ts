/**
 * How browser tests launch Debian's chromium with playwright-core (never `playwright install`: no
 * downloads here). Pass both to `chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS })`.
 */

/** Flags for a headless chromium that runs as root and reaches nothing but the pages it is sent to. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** `RQTS_CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env.RQTS_CHROMIUM_PATH ?? "/usr/bin/chromium";
}
