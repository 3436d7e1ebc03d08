/** Page links of a job list: previous, a window of page numbers around the current one, next. */
import Link from "next/link";
import type { JobListName } from "@rqts/queue";
import { listingHref } from "../lib/job-listing";
import { pageWindow } from "../lib/pagination";
import type { ListingQuery } from "../lib/params";
import { formatCount } from "../lib/format";

interface PaginationProps {
  instance: number;
  queue: string;
  list: JobListName;
  query: ListingQuery;
  lastPage: number;
}

export function Pagination({ instance, queue, list, query, lastPage }: PaginationProps) {
  if (lastPage <= 1) return null;
  const href = (page: number) => listingHref(instance, queue, list, { ...query, page });
  return (
    <nav className="pagination" aria-label="Pages">
      {query.page > 1 && (
        <Link href={href(query.page - 1)} rel="prev">
          ‹ Previous
        </Link>
      )}
      {pageWindow(query.page, lastPage).map((page, index) =>
        page === "gap" ? (
          <span key={`gap-${index}`} className="gap">
            …
          </span>
        ) : page === query.page ? (
          <span key={page} aria-current="page">
            {formatCount(page)}
          </span>
        ) : (
          <Link key={page} href={href(page)}>
            {formatCount(page)}
          </Link>
        ),
      )}
      {query.page < lastPage && (
        <Link href={href(query.page + 1)} rel="next">
          Next ›
        </Link>
      )}
    </nav>
  );
}
