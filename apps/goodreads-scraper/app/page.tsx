/**
 * The page: the submit form and the batch it follows (a client component), with what only the server
 * knows — the mode, the allowed sites, the rate limit, the user agent, the dashboard's address.
 */
import { BATCH_ID } from "../lib/batch-store";
import { readConfig, type ScraperConfig } from "../lib/config";
import { SAMPLE_BOOK_PATHS } from "../lib/demo-samples";
import { ConfigError } from "../lib/errors";
import { describeRateLimit } from "../lib/host-queues";
import { ScraperBoard } from "./scraper-board";

// Read the environment when the page is requested, not once at build time.
export const dynamic = "force-dynamic";

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  let config: ScraperConfig;
  try {
    config = readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return (
      <main>
        <h1>Goodreads scraper</h1>
        <p role="alert" className="problem">
          The server is misconfigured: {error.message}
        </p>
      </main>
    );
  }
  const { batch } = await searchParams;
  const site = config.allowedOrigins[0];
  const samples = config.mode === "demo" && site ? SAMPLE_BOOK_PATHS.map(({ path }) => `${site}${path}`) : [];
  return (
    <main>
      <header>
        <h1>Goodreads scraper</h1>
        <p>
          Submit book pages; a worker fetches each one politely — robots.txt first, at most {describeRateLimit(config.rateLimit)}, introducing
          itself as <code>{config.userAgent}</code> — and keeps each book under this app&apos;s own Redis key. A URL submitted again is never
          fetched twice: its job id is a hash of the URL.
        </p>
        <nav className="muted">
          {config.mode === "demo" && site ? (
            <>
              Demo mode: the books come from the local fixture bookshelf <a href={site}>{site}</a>, a site of invented books (never
              goodreads.com).{" "}
            </>
          ) : (
            <>Allowed sites: {config.allowedOrigins.join(", ") || "none (set GOODREADS_SCRAPER_ALLOWED_SITES)"}. </>
          )}
          {config.dashboardUrl ? <a href={config.dashboardUrl}>Open the dashboard</a> : null}
        </nav>
      </header>
      <ScraperBoard samples={samples} initialBatchId={typeof batch === "string" && BATCH_ID.test(batch) ? batch : null} />
    </main>
  );
}
