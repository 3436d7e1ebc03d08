/** What a page shows instead of its data when its Redis does not answer. */
import type { RedisUnavailableError } from "../lib/errors";

export function RedisProblem({ problem }: { problem: RedisUnavailableError }) {
  return (
    <main>
      <div className="notice" role="alert">
        <strong>Redis is not reachable.</strong> {problem.message}. Check that it runs and that REDIS_URL or DASHBOARD_REDIS_URLS
        points at it; this page retries on its next refresh.
      </div>
    </main>
  );
}
