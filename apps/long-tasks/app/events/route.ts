/**
 * GET /events — the live table as server-sent events. First `snapshot` (the recent jobs), then a `task`
 * event with a job's fresh row each time the library's QueueEvents report a change to it.
 *
 * The order avoids missing anything: subscribe, then read the snapshot, then stream. Changes seen
 * while the snapshot was read are read again afterwards, so no row sent is older than the snapshot.
 */
import { eventStream } from "@rqts/app-kit/event-stream";
import { appContext } from "../../lib/app-context";
import { errorResponse } from "../../lib/http";
import { jobFeed } from "../../lib/job-feed";
import { recentTasks } from "../../lib/recent-tasks";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  let context;
  try {
    context = appContext();
  } catch (error) {
    return errorResponse(error);
  }
  const { redis, queue } = context;
  const feed = jobFeed(redis, queue.name);
  return eventStream(request, async (send) => {
    // #region subscribe-then-read
    let live = false;
    const changedMeanwhile = new Set<string>();
    // 1. Subscribe: from now on, every change to a job of the queue reaches us.
    const unsubscribe = await feed.subscribe((task) => {
      if (live) send("task", task);
      else changedMeanwhile.add(task.task_id);
    });
    // 2. Read the current state.
    send("snapshot", await recentTasks(queue));
    // 3. Stream; jobs that changed during the read are read again, so nothing sent is older than the snapshot.
    live = true;
    for (const id of changedMeanwhile) feed.refresh(id);
    // #endregion subscribe-then-read
    return unsubscribe;
  });
}
