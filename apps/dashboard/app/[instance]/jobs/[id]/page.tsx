/**
 * One job in full (rq-dashboard's job page): status, call string and arguments, result or traceback,
 * meta with a progress bar, timestamps, worker, dependencies and dependents with their states, result
 * history, and the actions its state allows.
 */
import Link from "next/link";
import { NoSuchJobError, type JobView } from "@rqts/queue";
import { ActionButton } from "../../../../components/action-button";
import { StatusBadge } from "../../../../components/bits";
import { InvalidRequest } from "../../../../components/invalid-request";
import { CallSection, DependenciesSection, FactsSection, HistorySection, MetaSection, OutcomeSection } from "../../../../components/job-sections";
import { RedisProblem } from "../../../../components/redis-problem";
import { InvalidInputError } from "../../../../lib/errors";
import { pageContext, type ActionContext } from "../../../../lib/page-context";
import { parseJobId, pathSegment } from "../../../../lib/params";
import { tryRead } from "../../../../lib/redis-connections";

export default async function JobPage({ params }: { params: Promise<{ instance: string; id: string }> }) {
  const segments = await params;
  const { instance, inspector, actions } = await pageContext(segments.instance);
  let id: string;
  try {
    id = parseJobId(pathSegment(segments.id));
  } catch (error) {
    if (error instanceof InvalidInputError) return <InvalidRequest message={error.message} />;
    throw error;
  }
  const read = await tryRead(instance, () => inspector.job(id).catch((error: unknown) => (error instanceof NoSuchJobError ? error : Promise.reject(error))));
  if (!read.ok) return <RedisProblem problem={read.problem} />;
  if (read.value instanceof NoSuchJobError) {
    return (
      <main>
        <h1 className="mono">{id}</h1>
        <div className="notice" role="alert">
          {read.value.message}. <Link href={`/${instance.index}`}>Back to the overview</Link>
        </div>
      </main>
    );
  }
  const job = read.value;
  return (
    <main>
      <h1>
        Job <span className="mono">{job.id}</span> <StatusBadge status={job.status} />
      </h1>
      {actions && <JobActions job={job} actions={actions} />}
      <CallSection job={job} />
      <OutcomeSection job={job} />
      <MetaSection job={job} />
      <FactsSection job={job} instance={instance.index} />
      <DependenciesSection job={job} instance={instance.index} />
      <HistorySection job={job} />
    </main>
  );
}

/** The actions a job's state allows: requeue when it failed or was stopped, cancel before it runs, stop while it runs. */
function JobActions({ job, actions }: { job: JobView; actions: ActionContext }) {
  const fields = { jobId: job.id };
  return (
    <div className="toolbar">
      {(job.status === "failed" || job.status === "stopped") && <ActionButton context={actions} action="requeue" fields={fields} label="Requeue" />}
      {(job.status === "queued" || job.status === "deferred" || job.status === "scheduled") && (
        <ActionButton context={actions} action="cancel" fields={fields} label="Cancel" danger />
      )}
      {job.status === "started" && <ActionButton context={actions} action="stop" fields={fields} label="Stop" danger />}
      <ActionButton context={actions} action="delete" fields={fields} label="Delete" danger />
    </div>
  );
}
