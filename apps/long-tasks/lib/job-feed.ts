/**
 * The live feed behind GET /events: one `QueueEvents` subscription per server process, turned into
 * up-to-date `TaskData` rows for every listener (each open page).
 *
 * An event only says that a job changed; the row sent is read from Redis after it. Reads are made one
 * at a time per job, and an event that arrives during a read asks for one more read afterwards, so the
 * last row sent for a job always reflects its last event, whatever order replies come in.
 */
import type { Redis } from "ioredis";
import { QueueEvents } from "@rqts/queue";
import { readTask, type TaskData } from "./task-view";

/** Receives every fresh row. */
export type TaskListener = (task: TaskData) => void;

export class JobFeed {
  private readonly events: QueueEvents;
  private readonly listeners = new Set<TaskListener>();
  /** Jobs being read: `true` when another read must follow the current one. */
  private readonly reading = new Map<string, boolean>();

  constructor(
    private readonly redis: Redis,
    readonly queueName: string,
  ) {
    this.events = new QueueEvents(queueName, { connection: redis });
    this.events.on("event", (event) => this.refresh(event.jobId));
    this.events.on("error", (error) => console.error(`long-tasks: live events of "${queueName}": ${error.message}`));
  }

  /** Adds a listener; resolves, once the subscription is live, to a function that removes it. */
  async subscribe(listener: TaskListener): Promise<() => void> {
    this.listeners.add(listener);
    await this.events.ready();
    return () => this.listeners.delete(listener);
  }

  /** How many listeners (open pages) the feed has. */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Reads a job again and sends its row to every listener (coalesced with reads already running). */
  refresh(jobId: string): void {
    if (this.reading.has(jobId)) {
      this.reading.set(jobId, true);
      return;
    }
    this.reading.set(jobId, false);
    void this.read(jobId);
  }

  private async read(jobId: string): Promise<void> {
    try {
      const task = await readTask(this.redis, this.queueName, jobId);
      if (task) for (const listener of this.listeners) listener(task);
    } catch (error) {
      console.error(`long-tasks: reading job ${jobId} for the live feed: ${(error as Error).message}`);
    }
    const again = this.reading.get(jobId);
    this.reading.delete(jobId);
    if (again) this.refresh(jobId);
  }

  /** Closes the subscription. */
  close(): Promise<void> {
    this.listeners.clear();
    return this.events.close();
  }
}

// One feed per queue and process, kept on globalThis so `next dev` reloads do not open more.
const feeds = ((globalThis as { longTasksFeeds?: Map<string, JobFeed> }).longTasksFeeds ??= new Map());

/** The process's feed for `queueName` on `redis`. */
export function jobFeed(redis: Redis, queueName: string): JobFeed {
  const existing = feeds.get(queueName);
  if (existing) return existing;
  const feed = new JobFeed(redis, queueName);
  feeds.set(queueName, feed);
  return feed;
}
