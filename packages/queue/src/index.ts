/**
 * @rqts/queue — simple background jobs on Redis, in RQ's Redis layout.
 * Everything public is exported here by name.
 */
export { Queue } from "./queue.js";
export type { QueueOptions, JobSpec } from "./queue.js";
export { Job } from "./job.js";
export type { JobStatus } from "./job.js";
export type {
  EnqueueOptions,
  RetryOptions,
  BackoffOptions,
  DependsOnOptions,
  JobRef,
  CallbackOption,
  RepeatOptions,
} from "./job-options.js";
export { QueueEvents } from "./events.js";
export type { QueueEvent, QueueEventName } from "./events.js";
export { suspendWorkers, resumeWorkers, isSuspended } from "./suspension.js";
export { throughput } from "./stats.js";
export type { ThroughputPoint } from "./stats.js";
export { sendCommand } from "./worker/commands.js";
export { Worker } from "./worker/worker.js";
export type { WorkerOptions, RunOptions, WorkerEvents, WorkerLogger } from "./worker/worker.js";
export type { WorkerState } from "./worker/registration.js";
export type { ClaimedJob } from "./worker/fetcher.js";
export type { MaintenanceReport } from "./worker/maintenance.js";
export { defineTask } from "./tasks.js";
export type { Task, TaskHandler } from "./tasks.js";
export { currentJob } from "./context.js";
export type { JobContext } from "./context.js";
export { Registry, ExpiringRegistry } from "./registries/registry.js";
export type { ListOptions } from "./registries/registry.js";
export { StartedJobRegistry } from "./registries/started.js";
export { FinishedJobRegistry } from "./registries/finished.js";
export { FailedJobRegistry } from "./registries/failed.js";
export { DeferredJobRegistry } from "./registries/deferred.js";
export { ScheduledJobRegistry } from "./registries/scheduled.js";
export { CanceledJobRegistry } from "./registries/canceled.js";
export { RESULT_TYPES } from "./results.js";
export type { JobResult, ResultType } from "./results.js";
export { toMilliseconds, toSeconds } from "./duration.js";
export type { Duration } from "./duration.js";
export { defaults } from "./defaults.js";
export { keys } from "./keys.js";
export { VERSION } from "./version.js";
export {
  RqtsError,
  InvalidArgumentError,
  NoSuchJobError,
  NoSuchQueueError,
  InvalidJobOperationError,
  UnknownTaskError,
  MalformedJobError,
  JobTimeoutError,
  AbandonedJobError,
  WorkerNameTakenError,
  ResultTimeoutError,
  JobFailedError,
  UnrecoverableError,
  JobStoppedError,
  DuplicateJobError,
} from "./errors.js";
export { Inspector } from "./inspect/inspector.js";
export { JOB_LISTS } from "./inspect/job-lists.js";
export type { JobListName, JobPage, JobSummary, ListJobsOptions } from "./inspect/job-lists.js";
export type { JobCounts, QueueSummary } from "./inspect/queues.js";
export type { WorkerInfo, WorkerList } from "./inspect/workers.js";
export type { JobView, RelatedJob } from "./inspect/job-view.js";
export type { RequeueOptions, RequeueProgress, RequeueReport, SkippedJob } from "./inspect/requeue.js";
export type { CleanReport } from "./inspect/clean.js";
export { Scheduler } from "./scheduler.js";
export type { SchedulerOptions } from "./scheduler.js";
export { CronEntries } from "./cron/entries.js";
export type { CronEntryListOptions } from "./cron/entries.js";
export type { CronEntry, CronSpec, IntervalSpec, CronJobOptions } from "./cron/entry.js";
export type { CatchUpPolicy } from "./cron/catch-up.js";
export type { CronTick } from "./cron/firing.js";
export { ScheduledJobs } from "./cron/scheduled-jobs.js";
export type { ScheduledJobsQuery, ScheduledJobTime } from "./cron/scheduled-jobs.js";
export { NoSuchCronEntryError } from "./errors.js";
