/**
 * The sections of a job's page: what was called, how it ended (return value or traceback), its meta
 * with a progress bar, its timings and settings, the jobs it depends on and that depend on it, and
 * its result history. Everything is rendered as text; JSON goes in <pre> blocks.
 */
import type { ReactNode } from "react";
import Link from "next/link";
import type { JobView, RelatedJob } from "@rqts/queue";
import { formatElapsed, formatSeconds, progressFraction } from "../lib/format";
import { queueListPath } from "./queue-table";
import { JsonBlock, StatusBadge, Timestamp } from "./bits";

export function CallSection({ job }: { job: JobView }) {
  return (
    <section className="panel" aria-labelledby="call-title">
      <h2 id="call-title">Call</h2>
      {job.callError ? (
        <p className="notice">The call cannot be decoded: {job.callError}</p>
      ) : (
        <>
          <pre className="call" aria-label="Call string">
            {job.callString}
          </pre>
          {job.description !== job.callString && <p>Description: {job.description}</p>}
          <h3>Arguments</h3>
          <JsonBlock value={job.args} label="Arguments" />
          {job.kwargs && Object.keys(job.kwargs).length > 0 && (
            <>
              <h3>Keyword arguments</h3>
              <JsonBlock value={job.kwargs} label="Keyword arguments" />
            </>
          )}
        </>
      )}
    </section>
  );
}

export function OutcomeSection({ job }: { job: JobView }) {
  const result = job.latestResult;
  return (
    <section className="panel" aria-labelledby="outcome-title">
      <h2 id="outcome-title">Result</h2>
      {!result ? (
        <p className="muted">No result yet: the job has not ended.</p>
      ) : result.type === "successful" ? (
        <JsonBlock value={result.returnValue} label="Return value" />
      ) : (
        <>
          <p>
            {result.type.replaceAll("_", " ")} <Timestamp date={result.createdAt} />
          </p>
          {result.excString && (
            <pre className="traceback" aria-label="Traceback">
              {result.excString}
            </pre>
          )}
        </>
      )}
    </section>
  );
}

export function MetaSection({ job }: { job: JobView }) {
  const progress = progressFraction(job.meta);
  return (
    <section className="panel" aria-labelledby="meta-title">
      <h2 id="meta-title">Meta</h2>
      {progress !== undefined && (
        <p>
          Progress <progress value={progress} max={1} aria-label="Progress" /> {Math.round(progress * 100)}%
        </p>
      )}
      {job.metaError ? <p className="notice">{job.metaError}</p> : <JsonBlock value={job.meta} label="Meta as JSON" />}
    </section>
  );
}

export function FactsSection({ job, instance }: { job: JobView; instance: number }) {
  const facts: Array<[string, ReactNode]> = [
    ["Queue", <Link key="q" href={queueListPath(instance, job.queue, "queued")}>{job.queue}</Link>],
    ["Created", <Timestamp key="c" date={job.createdAt} />],
    ["Enqueued", <Timestamp key="e" date={job.enqueuedAt} />],
    ["Started", <Timestamp key="s" date={job.startedAt} />],
    ["Ended", <Timestamp key="n" date={job.endedAt} />],
    ["Ran for", formatElapsed(job.startedAt, job.endedAt)],
    ["Last heartbeat", <Timestamp key="h" date={job.lastHeartbeat} />],
    ["Worker", job.workerName ? <Link key="w" href={`/${instance}/workers`}>{job.workerName}</Link> : "—"],
    ["Place in queue", job.position === undefined ? "—" : job.position === 0 ? "next" : String(job.position + 1)],
    ["Attempts", String(job.attempts)],
    ["Retries left", job.retriesLeft === undefined ? "—" : String(job.retriesLeft)],
    ["Repeats left", job.repeatsLeft === undefined ? "—" : String(job.repeatsLeft)],
    ["Timeout", job.timeout === undefined ? "default (180 s)" : job.timeout === -1 ? "none" : formatSeconds(job.timeout)],
    ["Result kept for", ttl(job.resultTtl)],
    ["Failure kept for", ttl(job.failureTtl)],
    ["Expires in", job.expiresInSeconds === undefined ? "kept until it ends" : formatSeconds(job.expiresInSeconds)],
  ];
  return (
    <section className="panel" aria-labelledby="facts-title">
      <h2 id="facts-title">Details</h2>
      <dl className="facts">
        {facts.map(([term, value]) => (
          <div key={term} className="fact">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function ttl(seconds: number | undefined): string {
  if (seconds === undefined) return "default";
  if (seconds === -1) return "for ever";
  return seconds === 0 ? "not kept" : formatSeconds(seconds);
}

function RelatedList({ jobs, instance, empty, label }: { jobs: readonly RelatedJob[]; instance: number; empty: string; label: string }) {
  if (jobs.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul aria-label={label}>
      {jobs.map((related) => (
        <li key={related.id}>
          <Link href={`/${instance}/jobs/${encodeURIComponent(related.id)}`} className="mono">
            {related.id}
          </Link>{" "}
          <StatusBadge status={related.status} />
        </li>
      ))}
    </ul>
  );
}

export function DependenciesSection({ job, instance }: { job: JobView; instance: number }) {
  return (
    <section className="panel" aria-labelledby="deps-title">
      <h2 id="deps-title">Dependencies</h2>
      <h3>Waits on{job.allowDependencyFailures ? " (runs even if they fail)" : ""}</h3>
      <RelatedList jobs={job.dependencies} instance={instance} empty="No dependencies." label="Dependencies" />
      <h3>Waited on by</h3>
      <RelatedList jobs={job.dependents} instance={instance} empty="No job waits on this one." label="Dependents" />
    </section>
  );
}

export function HistorySection({ job }: { job: JobView }) {
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">Result history</h2>
      {job.results.length === 0 ? (
        <p className="muted">No runs recorded yet.</p>
      ) : (
        <table aria-label="Result history">
          <thead>
            <tr>
              <th>Recorded</th>
              <th>Outcome</th>
              <th>Worker</th>
              <th>Ran for</th>
              <th>Value or error</th>
            </tr>
          </thead>
          <tbody>
            {job.results.map((result) => (
              <tr key={result.id}>
                <td>
                  <Timestamp date={result.createdAt} />
                </td>
                <td>{result.type.replaceAll("_", " ")}</td>
                <td className="mono">{result.workerName || "—"}</td>
                <td>{formatElapsed(result.executionStartedAt, result.executionEndedAt)}</td>
                <td className="description mono">
                  {result.type === "successful" ? JSON.stringify(result.returnValue) : (result.excString?.trimEnd().split("\n").pop() ?? "—")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
