/**
 * The gallery page: what only the server knows (the NASA server, the rate limit), then the interactive
 * part (a client component).
 */
import { describeRateLimit, readConfig, type MarsRoverConfig } from "../lib/config";
import { ConfigError } from "../lib/errors";
import { ROVERS } from "../lib/rovers";
import { Gallery } from "./gallery";

// Read the environment when the page is requested, not once at build time.
export const dynamic = "force-dynamic";

export default function GalleryPage() {
  let config: MarsRoverConfig;
  try {
    config = readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return (
      <main>
        <h1>Mars rover photos</h1>
        <p role="alert" className="problem">
          The server is misconfigured: {error.message}
        </p>
      </main>
    );
  }
  return (
    <main>
      <header>
        <h1>Mars rover photos</h1>
        <p>
          Each sol becomes a fetch job; a worker asks NASA for its photos and fans out one job per photo (download, size,
          dimensions, SHA-256) and a summary job that waits for all of them. Cards follow every run live.
        </p>
        <p className="muted">
          NASA API: {config.nasaUrl} · {describeRateLimit(config.apiRateLimit)} (MARS_ROVER_API_RATE_LIMIT)
        </p>
      </header>
      <Gallery rovers={ROVERS} />
    </main>
  );
}
