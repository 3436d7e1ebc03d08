/**
 * GET /events — the gallery, live, as server-sent events: first `snapshot` (recent runs and the
 * schedule), then a `run` event with a card each time one of its jobs changes, and `schedule` events.
 *
 * Subscribe, then read, then stream: a change made while the snapshot is read is read again afterwards,
 * so nothing sent is older than the snapshot and nothing is missed between the two.
 */
import { eventStream } from "@rqts/app-kit/event-stream";
import { appContext } from "../../lib/app-context";
import { errorResponse } from "../../lib/http";
import { recentRuns } from "../../lib/recent-runs";
import { runFeed } from "../../lib/run-feed";
import { readSchedule } from "../../lib/schedule";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  let context;
  try {
    context = appContext();
  } catch (error) {
    return errorResponse(error);
  }
  const { redis, queues } = context;
  const feed = runFeed(redis, queues);
  return eventStream(request, async (send) => {
    // #region subscribe-then-read
    let live = false;
    const runsChanged = new Set<string>();
    let scheduleChanged = false;
    // 1. Subscribe: from now on, every change to a job of either queue reaches us.
    const unsubscribe = await feed.subscribe((update) => {
      if (live) send(update.kind, update.kind === "run" ? update.run : update.schedule);
      else if (update.kind === "run") runsChanged.add(update.run.id);
      else scheduleChanged = true;
    });
    // 2. Read the current state.
    const [runs, schedule] = await Promise.all([recentRuns(queues), readSchedule(queues.api)]);
    send("snapshot", { runs, schedule });
    // 3. Stream; what changed during the read is read again, so nothing sent is older than the snapshot.
    live = true;
    for (const id of runsChanged) feed.refreshRun(id);
    if (scheduleChanged) feed.refreshSchedule();
    // #endregion subscribe-then-read
    return unsubscribe;
  });
}
