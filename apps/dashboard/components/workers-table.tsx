/**
 * The workers (rq-dashboard's worker table): name, host and pid, queues, state, current job,
 * heartbeat age, success and failure counts, working time, version.
 */
import Link from "next/link";
import type { WorkerInfo } from "@rqts/queue";
import { formatCount, formatSeconds } from "../lib/format";
import { Timestamp } from "./bits";
import { queueListPath } from "./queue-table";

export function WorkersTable({ instance, workers }: { instance: number; workers: readonly WorkerInfo[] }) {
  if (workers.length === 0) return <p className="muted">No workers are registered on this Redis.</p>;
  return (
    <table aria-label="Workers">
      <thead>
        <tr>
          <th>Name</th>
          <th>Host</th>
          <th>PID</th>
          <th>Queues</th>
          <th>State</th>
          <th>Current job</th>
          <th>Heartbeat</th>
          <th className="count">Succeeded</th>
          <th className="count">Failed</th>
          <th>Working time</th>
          <th>Started</th>
          <th>Version</th>
        </tr>
      </thead>
      <tbody>
        {workers.map((worker) => (
          <tr key={worker.name} data-worker={worker.name}>
            <td className="mono">{worker.name}</td>
            <td>{worker.hostname || "—"}</td>
            <td>{worker.pid ?? "—"}</td>
            <td>
              {worker.queues.map((queue, index) => (
                <span key={queue}>
                  {index > 0 && ", "}
                  <Link href={queueListPath(instance, queue, "queued")}>{queue}</Link>
                </span>
              ))}
            </td>
            <td>{worker.death ? `dead (${worker.state})` : worker.state || "—"}</td>
            <td className="mono">{worker.currentJob ? <Link href={`/${instance}/jobs/${encodeURIComponent(worker.currentJob)}`}>{worker.currentJob}</Link> : "—"}</td>
            <td>{worker.heartbeatAgeSeconds === undefined ? "—" : `${formatSeconds(worker.heartbeatAgeSeconds)} ago`}</td>
            <td className="count">{formatCount(worker.successfulJobCount)}</td>
            <td className="count">{formatCount(worker.failedJobCount)}</td>
            <td>{formatSeconds(worker.totalWorkingTime)}</td>
            <td>
              <Timestamp date={worker.birth} />
            </td>
            <td className="mono">{worker.version || "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
