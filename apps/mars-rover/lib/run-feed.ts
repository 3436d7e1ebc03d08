/**
 * The live feed behind GET /events: one `QueueEvents` subscription (both queues) per server process,
 * turned into fresh gallery cards and schedules for every listener (each open page).
 *
 * An event only says that a job changed; what is sent is read from Redis after it. Every job of a run
 * is named after the run (lib/job-ids.ts), so a photo's event refreshes its run's card. Reads are made
 * one at a time per card, and events arriving during a read ask for one more read afterwards: the last
 * card sent always reflects the last event, whatever order replies come in. The schedule is read again
 * after each API-queue event, and every few seconds while someone listens (cron entries' next runs move
 * on, and the CLI schedules without events).
 */
import type { Redis } from "ioredis";
import { QueueEvents } from "@rqts/queue";
import { runIdOf } from "./job-ids";
import type { AppQueues } from "./queues";
import { readSchedule, type ScheduleView } from "./schedule";
import { readRun, type SolRun } from "./sol-runs";

export type FeedUpdate = { kind: "run"; run: SolRun } | { kind: "schedule"; schedule: ScheduleView };
export type FeedListener = (update: FeedUpdate) => void;

/** How often the schedule is read again while someone listens. */
export const SCHEDULE_REFRESH_MS = 5_000;
const SCHEDULE = "schedule";

export class RunFeed {
  private readonly events: QueueEvents;
  private readonly listeners = new Set<FeedListener>();
  /** Keys being read (`run:{id}`, or "schedule"): `true` when another read must follow the current one. */
  private readonly reading = new Map<string, boolean>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly queues: AppQueues,
  ) {
    this.events = new QueueEvents([queues.api.name, queues.photos.name], { connection: redis });
    this.events.on("event", (event) => {
      // Photo progress events are many and change no card: only their ends do.
      if (event.queue === queues.photos.name && event.event === "started") return;
      this.refreshRun(runIdOf(event.jobId));
      if (event.queue === queues.api.name) this.refreshSchedule();
    });
    this.events.on("error", (error) => console.error(`mars-rover: live events: ${error.message}`));
  }

  /** Adds a listener; resolves, once the subscription is live, to the function that removes it. */
  async subscribe(listener: FeedListener): Promise<() => void> {
    this.listeners.add(listener);
    this.timer ??= setInterval(() => this.refreshSchedule(), SCHEDULE_REFRESH_MS);
    await this.events.ready();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  /** Reads a run again and sends its card to every listener. */
  refreshRun(id: string): void {
    this.refresh(`run:${id}`);
  }

  /** Reads the schedule again and sends it to every listener. */
  refreshSchedule(): void {
    this.refresh(SCHEDULE);
  }

  private refresh(key: string): void {
    if (this.reading.has(key)) {
      this.reading.set(key, true);
      return;
    }
    this.reading.set(key, false);
    void this.read(key);
  }

  private async read(key: string): Promise<void> {
    try {
      const update: FeedUpdate | null =
        key === SCHEDULE ? { kind: "schedule", schedule: await readSchedule(this.queues.api) } : await this.readRun(key.slice("run:".length));
      if (update) for (const listener of this.listeners) listener(update);
    } catch (error) {
      console.error(`mars-rover: reading ${key} for the live feed: ${(error as Error).message}`);
    }
    const again = this.reading.get(key);
    this.reading.delete(key);
    if (again) this.refresh(key);
  }

  private async readRun(id: string): Promise<FeedUpdate | null> {
    const run = await readRun(this.redis, this.queues, id);
    return run && { kind: "run", run };
  }

  /** Closes the subscription. */
  close(): Promise<void> {
    clearInterval(this.timer);
    this.listeners.clear();
    return this.events.close();
  }
}

// One feed per queue prefix and process, kept on globalThis so `next dev` reloads do not open more.
const feeds = ((globalThis as { marsRoverFeeds?: Map<string, { redis: Redis; feed: RunFeed }> }).marsRoverFeeds ??= new Map());

/** The process's feed for these queues on this connection. */
export function runFeed(redis: Redis, queues: AppQueues): RunFeed {
  const key = queues.api.name;
  const existing = feeds.get(key);
  if (existing?.redis === redis) return existing.feed;
  void existing?.feed.close(); // the connection changed (a new REDIS_URL): follow the new one
  const feed = new RunFeed(redis, queues);
  feeds.set(key, { redis, feed });
  return feed;
}
