/**
 * Every queue with its seven counts (rq-dashboard's queue table): each count links to that list.
 * Jobs maintenance would fix — abandoned by a dead worker, expired entries — are noted, not hidden.
 */
import Link from "next/link";
import { JOB_LISTS, type JobCounts, type QueueSummary } from "@rqts/queue";
import { formatCount } from "../lib/format";

export function queueListPath(instance: number, queue: string, list: string): string {
  return `/${instance}/queues/${encodeURIComponent(queue)}/${list}`;
}

export function QueueTable({ instance, queues, totals }: { instance: number; queues: readonly QueueSummary[]; totals: JobCounts }) {
  if (queues.length === 0) return <p className="muted">No queues yet: nothing has been enqueued on this Redis.</p>;
  return (
    <table aria-label="Queues">
      <thead>
        <tr>
          <th>Queue</th>
          {JOB_LISTS.map((list) => (
            <th key={list} className="count">
              {list}
            </th>
          ))}
          <th>Notes</th>
        </tr>
      </thead>
      <tbody>
        {queues.map((queue) => (
          <tr key={queue.name} data-queue={queue.name}>
            <td>
              <Link href={queueListPath(instance, queue.name, "queued")}>{queue.name}</Link>
            </td>
            {JOB_LISTS.map((list) => (
              <td key={list} className="count" data-list={list}>
                <Link href={queueListPath(instance, queue.name, list)} className={queue.counts[list] === 0 ? "zero" : undefined}>
                  {formatCount(queue.counts[list])}
                </Link>
              </td>
            ))}
            <td className="muted">
              {[
                queue.abandoned > 0 && `${formatCount(queue.abandoned)} abandoned by a dead worker`,
                queue.expired > 0 && `${formatCount(queue.expired)} expired entries`,
                !queue.registered && "not in the queue set",
              ]
                .filter(Boolean)
                .join("; ")}
            </td>
          </tr>
        ))}
      </tbody>
      {queues.length > 1 && (
        <tfoot>
          <tr>
            <th>All queues</th>
            {JOB_LISTS.map((list) => (
              <td key={list} className="count">
                {formatCount(totals[list])}
              </td>
            ))}
            <td />
          </tr>
        </tfoot>
      )}
    </table>
  );
}
