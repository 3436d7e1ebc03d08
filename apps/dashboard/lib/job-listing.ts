/**
 * A job list page's data: one page of a queue's list (never the whole list: a page of 100,000 failed
 * jobs costs one ZRANGE window and one pipeline of HMGETs for the rows shown), plus the queue's
 * counts for the list tabs.
 */
import type { Inspector, JobListName, JobPage, QueueSummary } from "@rqts/queue";
import { lastPage } from "./pagination";
import type { ListingQuery } from "./params";

export interface JobListing {
  summary: QueueSummary;
  page: JobPage;
  query: ListingQuery;
  lastPage: number;
}

/** Reads the page; throws `NoSuchQueueError` for a queue with nothing at all. */
export async function loadJobListing(inspector: Inspector, queue: string, list: JobListName, query: ListingQuery): Promise<JobListing> {
  const offset = (query.page - 1) * query.perPage;
  const [[summary], page] = await Promise.all([
    inspector.queues([queue]),
    inspector.jobs(queue, list, { offset, limit: query.perPage, order: query.order }),
  ]);
  return { summary: summary!, page, query, lastPage: lastPage(page.total, query.perPage) };
}

/** The URL of a job list page with the given query (defaults left out, so links stay short). */
export function listingHref(instance: number, queue: string, list: JobListName, query: ListingQuery): string {
  const search = new URLSearchParams();
  if (query.page !== 1) search.set("page", String(query.page));
  search.set("perPage", String(query.perPage));
  search.set("order", query.order);
  return `/${instance}/queues/${encodeURIComponent(queue)}/${list}?${search.toString()}`;
}
