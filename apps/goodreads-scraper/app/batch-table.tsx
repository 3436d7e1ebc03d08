/**
 * A batch's progress, its export links and one row per book. Everything shown comes from scraped pages
 * and job data, so it is rendered as text only (React escapes it); links are drawn only for http(s) URLs.
 */
import type { BatchView, PageView } from "../lib/batch-view";

export function BatchTable({ batch }: { batch: BatchView }) {
  const exported = batch.export;
  return (
    <>
      <div className="progress-line">
        <progress max={batch.total} value={batch.ended} aria-label="Pages done" />
        <span className="done-count">
          {batch.ended} of {batch.total} pages done
        </span>
      </div>
      <p className="export" data-status={exported.status}>
        {exported.ready ? (
          <span className="downloads">
            Export ready: {exported.books} scraped, {exported.failed} failed.{" "}
            <a href={`/api/batches/${batch.batch_id}/export?format=json`}>Download JSON</a>
            <a href={`/api/batches/${batch.batch_id}/export?format=csv`}>Download CSV</a>
          </span>
        ) : exported.status === "failed" ? (
          <span className="error">The export failed: see the worker&apos;s log.</span>
        ) : (
          <span className="muted">The export waits until every page is scraped or has failed.</span>
        )}
      </p>
      <table className="books">
        <thead>
          <tr>
            <th>Book</th>
            <th>Author(s)</th>
            <th>Rating</th>
            <th>Description</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {batch.pages.map((page) => (
            <BookRow key={page.job_id} page={page} />
          ))}
        </tbody>
      </table>
    </>
  );
}

function BookRow({ page }: { page: PageView }) {
  const book = page.book;
  return (
    <tr data-url={page.url} data-status={page.status}>
      <td>
        {book ? <strong className="title">{book.title}</strong> : <span className="muted">not scraped</span>}
        <br />
        <ExternalLink href={page.url} />
      </td>
      <td>{book?.authors.join(", ") ?? "–"}</td>
      <td className="rating">{book?.rating != null ? `${book.rating.toFixed(2)} / 5` : "–"}</td>
      <td className="about">{book?.description ? <Description text={book.description} /> : "–"}</td>
      <td>
        <span className={`status ${page.status}`}>{page.status}</span>
        {page.retries > 0 && <span className="muted"> (retried {page.retries}×)</span>}
        {page.submitted !== "new" && <span className="muted"> ({page.submitted})</span>}
        {page.error && <span className="error">{page.error}</span>}
      </td>
    </tr>
  );
}

const SHORT = 140;

function Description({ text }: { text: string }) {
  if (text.length <= SHORT) return <span className="description">{text}</span>;
  return (
    <details>
      <summary>{text.slice(0, SHORT).replace(/[\s.,;:]+$/, "")}…</summary>
      <span className="description">{text}</span>
    </details>
  );
}

/** A link to the page, only for http(s) addresses: a stored `javascript:` URL is shown as text, never made clickable. */
function ExternalLink({ href }: { href: string }) {
  const safe = /^https?:\/\//i.test(href);
  return safe ? (
    <a className="muted" href={href} rel="noreferrer nofollow">
      {href}
    </a>
  ) : (
    <span className="muted">{href}</span>
  );
}
