/**
 * One run's card: the fetch job's status, how many of the sol's photos are processed, their thumbnails
 * as they finish, and the summary once the summary job has run. Everything is rendered as text or as an
 * http(s) image address; nothing from a job is ever rendered as markup.
 */
import type { SolRun } from "../lib/sol-runs";
import { byteSize, utcTime } from "./format";
import { safeHttpUrl } from "./post-json";

/** Thumbnails shown per card at most (a sol can have hundreds of photos). */
const MAX_THUMBNAILS = 60;

export function RunCard({ run }: { run: SolRun }) {
  const title = `${capitalise(run.rover)} · ${run.sol === null ? "latest sol" : `sol ${run.sol}`} · ${run.camera ?? "all cameras"}`;
  const done = run.photos.length + run.photosFailed;
  return (
    <article className="run" data-run-id={run.id} data-status={run.status} data-summary-status={run.summaryStatus ?? ""} aria-label={title}>
      <header>
        <h3>{title}</h3>
        <span className={`status ${run.status}`}>{run.status}</span>
      </header>
      <p className="muted">
        <code title={run.id}>{run.id.slice(0, 36)}</code>
        {run.dueAt && <> · due {utcTime(run.dueAt)}</>}
        {run.attempts > 1 && <> · attempt {run.attempts}</>}
      </p>
      {run.error && <p className="error">{run.error}</p>}
      {run.photoCount !== null && (
        <p className="progress-line">
          <progress max={Math.max(1, run.photoJobs)} value={run.photoJobs === 0 ? 1 : done} /> <span className="count">{run.photoJobs === 0 ? "no photos that sol" : `${done} of ${run.photoJobs} photos processed`}</span>
          {run.photosFailed > 0 && <span className="error"> ({run.photosFailed} failed)</span>}
        </p>
      )}
      {run.randomPhoto && <RandomPhoto url={run.randomPhoto} />}
      {run.photos.length > 0 && (
        <ul className="thumbnails" aria-label="Photos">
          {run.photos.slice(0, MAX_THUMBNAILS).map((photo) => {
            const src = safeHttpUrl(photo.imgSrc);
            const label = `#${photo.id} ${photo.camera}, ${photo.width}×${photo.height} px, ${byteSize(photo.bytes)}, SHA-256 ${photo.sha256.slice(0, 12)}…`;
            return (
              <li key={photo.id} title={label}>
                {src ? <img src={src} alt={label} width={photo.width} height={photo.height} loading="lazy" /> : <span className="muted">{label}</span>}
              </li>
            );
          })}
          {run.photos.length > MAX_THUMBNAILS && <li className="muted">and {run.photos.length - MAX_THUMBNAILS} more</li>}
        </ul>
      )}
      {run.summary && <Summary summary={run.summary} />}
    </article>
  );
}

function RandomPhoto({ url }: { url: string }) {
  const href = safeHttpUrl(url);
  return <p className="random">A random photo (the original tutorial&apos;s): {href ? <a href={href}>{href}</a> : <span>{url}</span>}</p>;
}

function Summary({ summary }: { summary: NonNullable<SolRun["summary"]> }) {
  return (
    <table className="summary" aria-label="Summary">
      <tbody>
        <tr>
          <th>Earth date</th>
          <td>{summary.earthDate ?? "–"}</td>
        </tr>
        <tr>
          <th>Photos</th>
          <td>
            {summary.processed} of {summary.photoCount} processed{summary.failed > 0 ? `, ${summary.failed} failed` : ""}
          </td>
        </tr>
        <tr>
          <th>Size</th>
          <td>{byteSize(summary.totalBytes)}</td>
        </tr>
        <tr>
          <th>Cameras</th>
          <td>{summary.cameras.map(({ camera, photos }) => `${camera} ${photos}`).join(", ") || "–"}</td>
        </tr>
        <tr>
          <th>Largest</th>
          <td>{summary.largest ? `#${summary.largest.id}, ${summary.largest.width}×${summary.largest.height} px` : "–"}</td>
        </tr>
        <tr>
          <th>Duplicates</th>
          <td>{summary.duplicates}</td>
        </tr>
      </tbody>
    </table>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
