/**
 * The page: the buttons, the word-count form and the live table (a client component), with what only
 * the server knows — the mode, the fixture pages server in demo mode, the dashboard's address.
 */
import { readConfig, type LongTasksConfig } from "../lib/config";
import { ConfigError } from "../lib/errors";
import { TaskBoard } from "./task-board";

// Read the environment when the page is requested, not once at build time.
export const dynamic = "force-dynamic";

export default function HomePage() {
  let config: LongTasksConfig;
  try {
    config = readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return (
      <main>
        <h1>Long tasks</h1>
        <p role="alert" className="problem">
          The server is misconfigured: {error.message}
        </p>
      </main>
    );
  }
  const exampleUrl = config.mode === "demo" && config.pagesUrl ? `${config.pagesUrl}/articles/tide-pools.html` : "https://python-rq.org/";
  return (
    <main>
      <header>
        <h1>Long tasks</h1>
        <p>
          Each button enqueues a job and returns at once; a worker runs it. The table follows every job live, from{" "}
          <em>queued</em> to <em>started</em> to <em>finished</em> or <em>failed</em>.
        </p>
        <nav>
          {config.dashboardUrl ? (
            <a href={config.dashboardUrl}>Open the dashboard</a>
          ) : (
            <span className="muted">No dashboard configured (set LONG_TASKS_DASHBOARD_URL)</span>
          )}
        </nav>
      </header>
      <TaskBoard
        exampleUrl={exampleUrl}
        urlRule={
          config.mode === "demo"
            ? `Demo mode: only pages of the fixture pages server ${config.pagesUrl ?? "(not configured)"} can be counted.`
            : "Production mode: any public http(s) page."
        }
      />
    </main>
  );
}
