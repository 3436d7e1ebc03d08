/**
 * One page of a job list. The columns follow the list: when a scheduled job is due, when a finished
 * or failed entry expires, a failed job's error line, a running job's worker. Failed rows get a
 * Requeue button. Every value is rendered as text.
 */
import Link from "next/link";
import type { JobListName, JobSummary } from "@rqts/queue";
import type { ActionContext } from "../lib/page-context";
import { ActionButton } from "./action-button";
import { StatusBadge, Timestamp } from "./bits";

/** What the registry score means in each list (queued jobs have none). */
const SCORE_LABEL: Readonly<Record<JobListName, string | undefined>> = {
  queued: undefined,
  started: "Heartbeat expires",
  deferred: "Deferred at",
  scheduled: "Due at",
  finished: "Expires",
  failed: "Expires",
  canceled: "Canceled at",
};

interface JobTableProps {
  instance: number;
  list: JobListName;
  jobs: readonly JobSummary[];
  actions: ActionContext | undefined;
}

export function JobTable({ instance, list, jobs, actions }: JobTableProps) {
  const scoreLabel = SCORE_LABEL[list];
  const showEnded = list === "finished" || list === "failed" || list === "canceled";
  const showWorker = list === "started" || list === "finished" || list === "failed";
  const rowActions = actions && list === "failed";
  return (
    <table aria-label={`${list} jobs`}>
      <thead>
        <tr>
          <th>Job</th>
          <th>Status</th>
          <th>Call</th>
          <th>Enqueued</th>
          {showEnded && <th>Ended</th>}
          {showWorker && <th>Worker</th>}
          {scoreLabel && <th>{scoreLabel}</th>}
          {list === "failed" && <th>Error</th>}
          {rowActions && <th />}
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => (
          <tr key={job.execution ? `${job.id}:${job.execution}` : job.id} data-job-id={job.id}>
            <td className="mono">
              <Link href={`/${instance}/jobs/${encodeURIComponent(job.id)}`}>{job.id}</Link>
            </td>
            <td>
              <StatusBadge status={job.status} />
            </td>
            <td className="description mono">{job.description}</td>
            <td>
              <Timestamp date={job.enqueuedAt ?? job.createdAt} />
            </td>
            {showEnded && (
              <td>
                <Timestamp date={job.endedAt} />
              </td>
            )}
            {showWorker && <td className="mono">{job.workerName || "—"}</td>}
            {scoreLabel && <td>{job.score === null ? "never" : <Timestamp date={job.score} />}</td>}
            {list === "failed" && <td className="description mono">{job.error ?? "—"}</td>}
            {rowActions && (
              <td>
                {job.status === "failed" && <ActionButton context={actions} action="requeue" fields={{ jobId: job.id }} label="Requeue" />}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
