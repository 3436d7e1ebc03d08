/**
 * The jobs a freshly opened page lists: the newest of those queued, running, finished and failed,
 * read through the registries (pages of ids, never whole registries).
 */
import type { Queue } from "@rqts/queue";
import { readTask, type TaskData } from "./task-view";

/** How many rows a page starts with. */
export const RECENT_TASKS = 30;

/** The newest `limit` jobs of `queue`, newest enqueued first. */
export async function recentTasks(queue: Queue, limit: number = RECENT_TASKS): Promise<TaskData[]> {
  const page = { start: 0, end: limit - 1 };
  const idLists = await Promise.all([
    queue.jobIds(page),
    queue.started.jobIds(page),
    queue.finished.jobIds({ ...page, order: "desc" }),
    queue.failed.jobIds({ ...page, order: "desc" }),
  ]);
  const ids = [...new Set(idLists.flat())];
  const tasks = await Promise.all(ids.map((id) => readTask(queue.connection, queue.name, id)));
  return tasks
    .filter((task): task is TaskData => task !== null)
    .sort((a, b) => (b.enqueued_at ?? "").localeCompare(a.enqueued_at ?? ""))
    .slice(0, limit);
}
