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

/** What `saveScreenshot` needs of a playwright page (kept structural: the test kit does not depend on playwright). */
export interface Screenshottable {
  screenshot(options: { path: string; fullPage: boolean }): Promise<unknown>;
}

/**
 * Saves a full-page screenshot as a test artifact. Artifacts help a person look, they prove nothing:
 * chromium sometimes refuses a capture on a loaded machine ("Unable to capture screenshot"), and that
 * must not fail the test, so a failed capture is only reported.
 */
export async function saveScreenshot(page: Screenshottable, path: string): Promise<void> {
  try {
    await page.screenshot({ path, fullPage: true });
  } catch (error) {
    console.warn(`screenshot ${path} not saved: ${(error as Error).message.split("\n")[0]}`);
  }
}
