/**
 * Cron entries: what `queue.cron()` and `queue.schedule()` register, and how an entry is stored in
 * `rq:cron:{q}:{id}`. An entry names a task and its JSON arguments — never code — plus the job
 * options each tick's job gets. Everything is validated here, before anything is written, so a bad
 * pattern, zone, interval or option fails the call with an InvalidArgumentError.
 */
import { createHash } from "node:crypto";
import { toMilliseconds, type Duration } from "../duration.js";
import { InvalidArgumentError } from "../errors.js";
import { prepareJob, type EnqueueOptions } from "../job-options.js";
import { parseRqTimestamp } from "../time.js";
import type { Task } from "../tasks.js";
import { cronCadence, intervalCadence, validateTimezone, type Cadence } from "./cadence.js";
import { CATCH_UP_POLICIES, type CatchUpPolicy } from "./catch-up.js";

/** The job options a cron entry gives each job it enqueues (its id is made per tick). */
export type CronJobOptions = Omit<EnqueueOptions, "jobId" | "dependsOn" | "unique">;

/** What both kinds of entry share. */
interface EntrySpecBase {
  /**
   * The entry's id (letters, digits, `_`, `-`). Registering an entry with an existing id updates it in
   * place. @defaultValue derived from the task, arguments and timing, so registering the same schedule
   * again (say, at every app start) keeps a single entry
   */
  id?: string;
  /** How many jobs the entry enqueues in all, then it removes itself (rq-scheduler's `repeat`). @defaultValue unlimited */
  repeat?: number;
  /** What to do with ticks that fell while no scheduler ran. @defaultValue "skip" */
  catchUp?: CatchUpPolicy;
}

/** `queue.cron(spec, …)`: a cron pattern read in a time zone. */
export interface CronSpec extends EntrySpecBase {
  /** 5 fields (`minute hour day month weekday`), 6 with seconds first, or `@hourly`, `@daily`, … */
  pattern: string;
  /** The IANA time zone the pattern's wall-clock times are read in (DST-aware). @defaultValue "UTC" */
  timezone?: string;
}

/** `queue.schedule(spec, …)`: every fixed interval (rq-scheduler's `schedule(scheduled_time, interval=)`). */
export interface IntervalSpec extends EntrySpecBase {
  /** Time between runs, at least 1 s ("30s", "1h", 60000). */
  interval: Duration;
  /** The first run. Give `at` or `in`, not both. @defaultValue now */
  at?: Date;
  /** The first run, as a delay from now. @defaultValue 0 */
  in?: Duration;
}

/** A stored entry, as `queue.cronEntries` returns it (a snapshot; times are in UTC). */
export interface CronEntry {
  readonly id: string;
  readonly queue: string;
  readonly kind: "cron" | "interval";
  /** The cron pattern (kind `cron`). */
  readonly pattern: string | null;
  /** The pattern's time zone (kind `cron`). */
  readonly timezone: string | null;
  /** Milliseconds between runs (kind `interval`). */
  readonly intervalMs: number | null;
  readonly taskName: string;
  readonly args: unknown[];
  readonly options: CronJobOptions;
  readonly catchUp: CatchUpPolicy;
  /** Jobs it will still enqueue; `null` for unlimited. */
  readonly runsLeft: number | null;
  readonly paused: boolean;
  /** When it next enqueues a job; `null` while paused. */
  readonly nextRun: Date | null;
  /** The tick it last enqueued a job for, and that job's id. */
  readonly lastTick: Date | null;
  readonly lastJobId: string | null;
  readonly createdAt: Date | undefined;
  /** Why the scheduler paused it (its stored data could not be used); `null` otherwise. */
  readonly error: string | null;
}

/** A validated entry, ready to be written by the cron-save script. */
export interface EntryDefinition {
  id: string;
  cadence: Cadence;
  /** Hash fields that define the entry (state fields are the scripts' business). */
  fields: Array<[string, string]>;
  /** Identifies the definition: an identical registration leaves the stored entry untouched. */
  fingerprint: string;
}

const ENTRY_ID = /^[A-Za-z0-9_-]{1,200}$/;

function validateEntryId(id: unknown): string {
  if (typeof id !== "string" || !ENTRY_ID.test(id)) {
    throw new InvalidArgumentError(`cron entry id ${JSON.stringify(id)} is invalid: use 1–200 letters, digits, "_" and "-"`);
  }
  return id;
}

function validateRepeat(repeat: unknown): string {
  if (repeat === undefined || repeat === null) return "";
  if (typeof repeat !== "number" || !Number.isInteger(repeat) || repeat < 1) {
    throw new InvalidArgumentError(`repeat must be a whole number ≥ 1 (the number of jobs in all), or left out for no limit; got ${String(repeat)}`);
  }
  return String(repeat);
}

function validateCatchUp(catchUp: unknown): CatchUpPolicy {
  if (catchUp === undefined) return "skip";
  if (!CATCH_UP_POLICIES.includes(catchUp as CatchUpPolicy)) {
    throw new InvalidArgumentError(`catchUp must be "skip" or "latest"; got ${JSON.stringify(catchUp)}`);
  }
  return catchUp as CatchUpPolicy;
}

/** Callbacks are stored by task name: a Task object holds a function, which Redis never stores. */
function storableOptions(options: CronJobOptions, queueTimeoutSeconds: number): CronJobOptions {
  for (const forbidden of ["jobId", "dependsOn", "unique"] as const) {
    if (forbidden in options && (options as EnqueueOptions)[forbidden] !== undefined) {
      throw new InvalidArgumentError(`${forbidden} cannot be given to a cron entry: it enqueues one job per tick, with an id of its own (cron-{queue}-{entry}-{time})`);
    }
  }
  const stored: Record<string, unknown> = { ...options };
  for (const name of ["onSuccess", "onFailure", "onStopped"] as const) {
    const given = options[name];
    if (given === undefined) continue;
    const target = typeof given === "object" && "task" in given ? given.task : given;
    const taskName = typeof target === "string" ? target : target?.name;
    stored[name] = typeof given === "object" && "task" in given ? { task: taskName, timeout: given.timeout } : taskName;
  }
  // the queue's default timeout at registration time: the scheduler that fires the entry has no Queue object
  stored.timeout ??= queueTimeoutSeconds === -1 ? -1 : `${queueTimeoutSeconds}s`;
  return stored as CronJobOptions;
}

function taskNameOf(task: Task | string): string {
  const name = typeof task === "string" ? task : task?.name;
  if (typeof name !== "string" || name.trim() === "") throw new InvalidArgumentError("A cron entry needs a task (from defineTask) or a task name");
  return name;
}

function define(
  queue: string,
  timing: Record<string, string>,
  cadence: Cadence,
  spec: EntrySpecBase,
  task: Task | string,
  args: unknown[],
  options: CronJobOptions,
  queueTimeoutSeconds: number,
): EntryDefinition {
  const taskName = taskNameOf(task);
  if (!Array.isArray(args)) throw new InvalidArgumentError(`The arguments of "${taskName}" must be an array of JSON values`);
  const stored = storableOptions(options ?? {}, queueTimeoutSeconds);
  // builds a job once now, so that options a tick's job would reject fail this call instead
  prepareJob(queue, { taskName, args, kwargs: {} }, stored, queueTimeoutSeconds);
  const definition: Record<string, string> = {
    ...timing,
    task: taskName,
    args: JSON.stringify(args),
    options: JSON.stringify(stored),
    catch_up: validateCatchUp(spec.catchUp),
    runs_left: validateRepeat(spec.repeat),
  };
  const fingerprint = createHash("sha1").update(JSON.stringify(definition)).digest("hex");
  const id = spec.id === undefined ? `${taskName.replace(/[^A-Za-z0-9_-]/g, "_")}-${fingerprint.slice(0, 12)}` : validateEntryId(spec.id);
  return { id, cadence, fields: Object.entries(definition), fingerprint };
}

/** Validates `queue.cron(spec, task, args, options)`. */
export function cronDefinition(
  queue: string,
  spec: string | CronSpec,
  task: Task | string,
  args: unknown[],
  options: CronJobOptions,
  queueTimeoutSeconds: number,
): EntryDefinition {
  const full: CronSpec = typeof spec === "string" ? { pattern: spec } : spec;
  if (!full || typeof full !== "object") throw new InvalidArgumentError('queue.cron needs a pattern ("0 9 * * 1-5") or { pattern, timezone, … }');
  const timezone = full.timezone === undefined ? "UTC" : validateTimezone(full.timezone);
  const cadence = cronCadence(full.pattern, timezone);
  return define(queue, { kind: "cron", pattern: full.pattern.trim(), timezone }, cadence, full, task, args, options, queueTimeoutSeconds);
}

/** Validates `queue.schedule(spec, task, args, options)`; `nowMs` anchors a series with no `at`/`in`. */
export function intervalDefinition(
  queue: string,
  spec: IntervalSpec,
  task: Task | string,
  args: unknown[],
  options: CronJobOptions,
  queueTimeoutSeconds: number,
  nowMs: number,
): EntryDefinition {
  if (!spec || typeof spec !== "object" || spec.interval === undefined) {
    throw new InvalidArgumentError('queue.schedule needs { interval } (and optionally at or in, repeat); for a single run use enqueueAt or enqueueIn');
  }
  if (spec.at !== undefined && spec.in !== undefined) throw new InvalidArgumentError("queue.schedule: give either at or in, not both");
  if (spec.at !== undefined && (!(spec.at instanceof Date) || Number.isNaN(spec.at.getTime()))) {
    throw new InvalidArgumentError("queue.schedule: at must be a valid Date");
  }
  const intervalMs = toMilliseconds(spec.interval, "interval");
  const delayMs = spec.in === undefined ? 0 : toMilliseconds(spec.in, "in");
  if (delayMs === Infinity) throw new InvalidArgumentError("queue.schedule: in must be a finite delay");
  // whole seconds (as RQ keeps due times), rounded up so that no run is early
  const wholeSecond = (ms: number) => Math.ceil(ms / 1000) * 1000;
  const atMs = spec.at === undefined ? undefined : wholeSecond(spec.at.getTime());
  const anchor = atMs ?? wholeSecond(nowMs + delayMs);
  const cadence = intervalCadence(intervalMs, anchor);
  // the definition holds `at`, or the delay — not "now + delay" — so a series registered again (at the
  // next app start, say) is the same definition and keeps the start it was first stored with
  const timing = { kind: "interval", interval_ms: String(intervalMs), anchor: atMs === undefined ? "" : String(atMs), start_delay_ms: String(delayMs) };
  const definition = define(queue, timing, cadence, spec, task, args, options, queueTimeoutSeconds);
  definition.fields.push(["default_anchor", String(anchor)]);
  return definition;
}

function parseJson<T>(text: string | undefined, fallback: T, what: string, problems: string[]): T {
  try {
    return text === undefined ? fallback : (JSON.parse(text) as T);
  } catch {
    problems.push(`${what} is not JSON`);
    return fallback;
  }
}

function optionalNumber(text: string | undefined): number | null {
  return text === undefined || text === "" || !Number.isFinite(Number(text)) ? null : Number(text);
}

/** An entry read back from its hash. Never throws: what cannot be read is reported in `problems`. */
export function readEntry(queue: string, id: string, hash: Record<string, string>): { entry: CronEntry; problems: string[] } {
  const problems: string[] = [];
  const kind = hash.kind === "interval" ? "interval" : "cron";
  if (hash.kind !== "cron" && hash.kind !== "interval") problems.push(`kind ${JSON.stringify(hash.kind)} is neither "cron" nor "interval"`);
  const args = parseJson<unknown[]>(hash.args, [], "args", problems);
  if (!Array.isArray(args)) problems.push("args is not a JSON array");
  const options = parseJson<CronJobOptions>(hash.options, {}, "options", problems);
  if (!hash.task) problems.push("it names no task");
  const entry: CronEntry = {
    id,
    queue,
    kind,
    pattern: hash.pattern ?? null,
    timezone: hash.timezone ?? null,
    intervalMs: optionalNumber(hash.interval_ms),
    taskName: hash.task ?? "",
    args: Array.isArray(args) ? args : [],
    options: options && typeof options === "object" ? options : {},
    catchUp: hash.catch_up === "latest" ? "latest" : "skip",
    runsLeft: optionalNumber(hash.runs_left),
    paused: hash.paused === "1",
    nextRun: optionalNumber(hash.next_run) === null ? null : new Date(Number(hash.next_run)),
    lastTick: optionalNumber(hash.last_tick) === null ? null : new Date(Number(hash.last_tick)),
    lastJobId: hash.last_job_id || null,
    createdAt: parseRqTimestamp(hash.created_at),
    error: hash.error || null,
  };
  return { entry, problems };
}

/** The cadence of a stored entry; throws InvalidArgumentError when its timing fields are unusable. */
export function storedCadence(hash: Record<string, string>): Cadence {
  if (hash.kind === "interval") {
    const anchor = optionalNumber(hash.anchor) ?? optionalNumber(hash.default_anchor);
    if (anchor === null) throw new InvalidArgumentError("the interval entry has no anchor time");
    return intervalCadence(optionalNumber(hash.interval_ms) ?? NaN, anchor);
  }
  return cronCadence(hash.pattern, hash.timezone || "UTC");
}
