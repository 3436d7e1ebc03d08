/**
 * Callbacks: after a job's handler ends, the worker runs the job's `on_success` / `on_failure` /
 * `on_stopped` task (stored by name, as RQ does), each under its own timeout (RQ's default 60 s),
 * before the outcome is committed.
 * - A throwing success callback fails the job (as in RQ); its retries apply.
 * - A throwing failure or stopped callback is logged; the job keeps its outcome.
 * - The failure callback runs on the final failure only, not before each retry (RQ runs it every time).
 * A callback name no registered task has counts as a throwing callback. Nothing is lost either way:
 * the outcome is committed whatever the callback did.
 */
import type { Redis } from "ioredis";
import { runWithJobContext } from "../context.js";
import { JobTimeoutError, RqtsError, toError } from "../errors.js";
import { Job } from "../job.js";
import type { TaskRegistry } from "../tasks.js";
import { failureOutcome, type Outcome } from "./executor.js";
import type { ClaimedJob } from "./fetcher.js";

const FIELDS = {
  ok: ["success_callback_name", "success_callback_timeout"],
  fail: ["failure_callback_name", "failure_callback_timeout"],
  fatal: ["failure_callback_name", "failure_callback_timeout"],
  stop: ["stopped_callback_name", "stopped_callback_timeout"],
} as const;

export class Callbacks {
  constructor(
    private readonly redis: Redis,
    private readonly tasks: TaskRegistry,
    private readonly onCallbackError: (job: ClaimedJob, name: string, error: Error) => void,
  ) {}

  /** Runs the outcome's callback, if the job has one; returns the outcome to commit. */
  async after(outcome: Outcome): Promise<Outcome> {
    const [nameField, timeoutField] = FIELDS[outcome.kind];
    const { fields } = outcome.job;
    const name = fields[nameField];
    if (!name) return outcome;
    if (outcome.kind === "fail" && Number(fields.retries_left || 0) > 0) return outcome; // a retry follows
    const timeoutMs = (Number(fields[timeoutField]) || 60) * 1000;
    const job = new Job(this.redis, outcome.job.id, { ...fields }, outcome.job.data);
    const args = outcome.kind === "ok" ? [job, outcome.value] : outcome.kind === "stop" ? [job] : [job, outcome.error];
    try {
      await this.run(name, args, timeoutMs, outcome.job, job);
      return outcome;
    } catch (thrown) {
      const error = new RqtsError(`The ${nameField.split("_")[0]} callback "${name}" failed: ${toError(thrown).message}`, { cause: thrown });
      if (outcome.kind !== "ok") {
        this.onCallbackError(outcome.job, name, error);
        return outcome;
      }
      return failureOutcome(outcome.job, error, outcome.workingSeconds);
    }
  }

  private async run(name: string, args: unknown[], timeoutMs: number, claimed: ClaimedJob, job: Job): Promise<void> {
    const task = this.tasks.resolve(name);
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new JobTimeoutError(timeoutMs / 1000);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    });
    const context = {
      id: claimed.id,
      queue: claimed.queue,
      workerName: claimed.fields.worker_name ?? "",
      meta: job.meta,
      signal: controller.signal,
      saveMeta: () => job.saveMeta(),
      setProgress: async (progress: unknown) => {
        job.meta.progress = progress;
        await job.saveMeta();
      },
    };
    const work = new Promise((resolve) => resolve(runWithJobContext(context, () => task.handler(...args))));
    try {
      await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
