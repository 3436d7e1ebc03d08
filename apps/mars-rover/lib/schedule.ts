/**
 * The schedule, as the CLI (`npm run schedule`) and the page show it and change it — the RQ Scheduler
 * post's `get_jobs`, `cancel` and `cron`, on the API queue:
 * - one-off fetches waiting for their time (`--in` / `--at`), and fetches waiting to be retried;
 * - cron entries that fetch a rover's latest photos, one job per tick.
 */
import { InvalidJobOperationError, type CronEntry, type Queue } from "@rqts/queue";
import type { MarsRoverConfig } from "./config";
import { InvalidInputError } from "./errors";
import { fetchCallOf, type FetchCall } from "./fetch-call";
import { isoSeconds } from "./fetch-request";
import { RESULT_TTL, retryPolicy } from "./queues";
import { parseCamera, parseRover } from "./rovers";
import { TASK_NAMES } from "./task-names";

/** A fetch job waiting for its time. */
export interface ScheduledFetch extends FetchCall {
  id: string;
  /** When the scheduler queues it, ISO 8601 UTC (whole seconds, as Redis keeps it). */
  at: string;
  /** True when it is waiting to be tried again after a failed attempt. */
  retry: boolean;
}

/** A cron entry fetching a rover's latest photos. */
export interface LatestEntry {
  id: string;
  rover: string;
  camera: string | null;
  pattern: string;
  timezone: string;
  /** ISO 8601 UTC; `null` while paused. */
  nextRun: string | null;
  lastJobId: string | null;
  paused: boolean;
}

export interface ScheduleView {
  jobs: ScheduledFetch[];
  entries: LatestEntry[];
}

/** Lines the page and the CLI list at most, of each kind. */
export const SCHEDULE_LIMIT = 100;

/** The API queue's scheduled fetches (earliest first) and latest-photo cron entries (next first). */
export async function readSchedule(api: Queue): Promise<ScheduleView> {
  const [scheduled, entries] = await Promise.all([api.scheduledJobs.getJobs({ withTimes: true, length: SCHEDULE_LIMIT }), api.cronEntries.list({ start: 0, end: SCHEDULE_LIMIT - 1 })]);
  const jobs = scheduled.flatMap(({ job, at }) => {
    const call = fetchCallOf(job);
    return call ? [{ id: job.id, ...call, at: isoSeconds(at), retry: job.attempts > 1 }] : [];
  });
  return { jobs, entries: entries.flatMap((entry) => latestEntryView(entry) ?? []) };
}

function latestEntryView(entry: CronEntry): LatestEntry | null {
  const [rover, camera] = entry.args;
  if (entry.taskName !== TASK_NAMES.fetchLatest || entry.kind !== "cron" || typeof rover !== "string") return null;
  return {
    id: entry.id,
    rover,
    camera: typeof camera === "string" ? camera : null,
    pattern: entry.pattern ?? "",
    timezone: entry.timezone ?? "UTC",
    nextRun: entry.nextRun ? isoSeconds(entry.nextRun) : null,
    lastJobId: entry.lastJobId,
    paused: entry.paused,
  };
}

/** Cancels a scheduled fetch (it moves to the canceled registry); `InvalidInputError` when there is none with this id. */
export async function cancelScheduledFetch(api: Queue, jobId: unknown): Promise<string> {
  const id = checkId(jobId, "job_id");
  try {
    await api.scheduledJobs.cancel(id);
  } catch (error) {
    if (error instanceof InvalidJobOperationError) throw new InvalidInputError("job_id", `No fetch with id ${id} is waiting for its time (it may have started already)`);
    throw error;
  }
  return id;
}

/** The entry id of a rover's (and camera's) latest-photos cron entry: `latest-curiosity`, `latest-perseverance-navcam-left`. */
export function latestEntryId(rover: string, camera: string | null): string {
  return `latest-${rover}${camera ? `-${camera.toLowerCase().replaceAll("_", "-")}` : ""}`;
}

// #region cron-latest
/**
 * Registers (or updates) the cron entry that fetches `rover`'s latest photos on `pattern` — 5 fields, or
 * 6 with seconds first — read in `timezone`. Registering the same entry again changes nothing.
 */
export async function scheduleLatest(api: Queue, input: { rover: unknown; camera?: unknown; pattern: unknown; timezone?: unknown }, config: Pick<MarsRoverConfig, "maxRetries" | "retryDelayMs">): Promise<LatestEntry> {
  const rover = parseRover(input.rover);
  const camera = parseCamera(rover, input.camera);
  if (typeof input.pattern !== "string" || input.pattern.trim() === "" || input.pattern.length > 100) {
    throw new InvalidInputError("pattern", 'pattern: a cron pattern such as "0 6 * * *" (06:00 every day) or "*/10 * * * * *" (every 10 s)');
  }
  const timezone = typeof input.timezone === "string" && input.timezone.trim() ? input.timezone.trim() : "UTC";
  const options = { retry: retryPolicy(config), timeout: "2m", resultTtl: RESULT_TTL };
  const spec = { id: latestEntryId(rover.name, camera), pattern: input.pattern.trim(), timezone };
  const entry = await api.cron(spec, TASK_NAMES.fetchLatest, [rover.name, camera], options); // checks pattern and zone
  return latestEntryView(entry)!;
}
// #endregion cron-latest

/** Removes a cron entry (jobs it made stay); `InvalidInputError` when there is none with this id. */
export async function removeLatest(api: Queue, entryId: unknown): Promise<string> {
  const id = checkId(entryId, "entry_id");
  if (!(await api.cronEntries.remove(id))) throw new InvalidInputError("entry_id", `There is no cron entry ${id} on ${api.name}`);
  return id;
}

function checkId(input: unknown, field: string): string {
  if (typeof input !== "string" || !/^[\w-]{1,200}$/.test(input)) throw new InvalidInputError(field, `${field}: 1 to 200 letters, digits, "_" or "-"`);
  return input;
}

/** When a scheduled job of `queue` is due (ISO 8601 UTC), or `null` when it is not scheduled there. */
export async function dueTime(queue: Queue, jobId: string): Promise<string | null> {
  const seconds = await queue.scheduled.scoreOf(jobId);
  return seconds === null ? null : isoSeconds(new Date(seconds * 1000));
}
