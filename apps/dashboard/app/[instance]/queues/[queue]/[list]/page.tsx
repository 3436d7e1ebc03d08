/**
 * Jobs of one queue's list (its waiting list or a registry), a page at a time: tabs for the seven
 * lists with their counts, ordering, jobs per page, page links, and the list's bulk actions (empty
 * it; requeue every failed job).
 */
import Link from "next/link";
import { notFound } from "next/navigation";
import { JOB_LISTS, NoSuchQueueError } from "@rqts/queue";
import { ActionButton } from "../../../../../components/action-button";
import { JobTable } from "../../../../../components/job-table";
import { Pagination } from "../../../../../components/pagination";
import { InvalidRequest } from "../../../../../components/invalid-request";
import { RedisProblem } from "../../../../../components/redis-problem";
import { InvalidInputError } from "../../../../../lib/errors";
import { formatCount } from "../../../../../lib/format";
import { listingHref, loadJobListing } from "../../../../../lib/job-listing";
import { pageContext } from "../../../../../lib/page-context";
import { PER_PAGE_CHOICES, parseJobList, parseListingQuery, parseQueueName, pathSegment, type QueryValue } from "../../../../../lib/params";
import { tryRead } from "../../../../../lib/redis-connections";

interface ListPageProps {
  params: Promise<{ instance: string; queue: string; list: string }>;
  searchParams: Promise<Record<string, QueryValue>>;
}

export default async function JobListPage({ params, searchParams }: ListPageProps) {
  const segments = await params;
  const { instance, inspector, actions } = await pageContext(segments.instance);
  let queue, list, query;
  try {
    queue = parseQueueName(pathSegment(segments.queue));
    list = parseJobList(segments.list);
    query = parseListingQuery(await searchParams, list);
  } catch (error) {
    if (error instanceof InvalidInputError) return <InvalidRequest message={error.message} />;
    throw error;
  }
  let read;
  try {
    read = await tryRead(instance, () => loadJobListing(inspector, queue, list, query));
  } catch (error) {
    if (error instanceof NoSuchQueueError) notFound();
    throw error;
  }
  if (!read.ok) return <RedisProblem problem={read.problem} />;
  const { summary, page, lastPage } = read.value;
  const shown = page.jobs.length === 0 ? "No jobs" : `Jobs ${formatCount(page.offset + 1)}–${formatCount(page.offset + page.jobs.length)}`;
  const index = instance.index;

  return (
    <main>
      <h1>
        Queue <span className="mono">{queue}</span>
      </h1>
      <nav className="tabs" aria-label="Lists">
        {JOB_LISTS.map((name) => (
          <Link key={name} href={listingHref(index, queue, name, { page: 1, perPage: query.perPage, order: name === "queued" ? "oldest" : "newest" })} aria-current={name === list ? "page" : undefined}>
            {name} ({formatCount(summary.counts[name])})
          </Link>
        ))}
      </nav>
      <div className="toolbar">
        <span>
          {shown} of {formatCount(page.total)} ·{" "}
          <Link href={listingHref(index, queue, list, { ...query, page: 1, order: query.order === "oldest" ? "newest" : "oldest" })}>
            {query.order === "oldest" ? "oldest first (show newest first)" : "newest first (show oldest first)"}
          </Link>{" "}
          · per page:{" "}
          {PER_PAGE_CHOICES.map((choice) =>
            choice === query.perPage ? (
              <strong key={choice}> {choice} </strong>
            ) : (
              <Link key={choice} href={listingHref(index, queue, list, { ...query, page: 1, perPage: choice })}>
                {" "}
                {choice}{" "}
              </Link>
            ),
          )}
        </span>
        <span className="spacer" />
        {actions && list === "failed" && page.total > 0 && (
          <ActionButton context={actions} action="requeue-failed" fields={{ queue }} label={`Requeue all ${formatCount(page.total)} failed`} />
        )}
        {actions && list !== "started" && page.total > 0 && (
          <ActionButton context={actions} action="empty" fields={{ queue, list }} label={list === "queued" ? "Empty queue" : `Empty ${list} registry`} danger />
        )}
      </div>
      {page.jobs.length > 0 ? (
        <JobTable instance={index} list={list} jobs={page.jobs} actions={actions} />
      ) : (
        <p className="muted">{query.page > lastPage ? `There is no page ${query.page}: the last page is ${lastPage}.` : "This list is empty."}</p>
      )}
      <Pagination instance={index} queue={queue} list={list} query={query} lastPage={lastPage} />
    </main>
  );
}
