"use client";
/**
 * The schedule: fetches waiting for their time (with Cancel), the cron entries that fetch a rover's
 * latest photos (with Remove), and a form that adds one — the RQ Scheduler post's `get_jobs`, `cancel`
 * and `cron`, on a page.
 */
import { useState, type FormEvent } from "react";
import type { RoverInfo } from "../lib/rovers";
import type { ScheduleView } from "../lib/schedule";
import type { SolRun } from "../lib/sol-runs";
import { utcTime } from "./format";
import { postJson } from "./post-json";

interface SchedulePanelProps {
  schedule: ScheduleView;
  rovers: readonly RoverInfo[];
  onSchedule: (view: ScheduleView) => void;
  /** Receives the card of a run the panel changed (a canceled fetch). */
  onRun: (run: SolRun) => void;
}

export function SchedulePanel({ schedule, rovers, onSchedule, onRun }: SchedulePanelProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const [rover, setRover] = useState(rovers[0]?.name ?? "curiosity");
  const [pattern, setPattern] = useState("0 6 * * *");
  const [timezone, setTimezone] = useState("UTC");

  async function act(path: string, body: Record<string, string>) {
    setProblem(null);
    try {
      const answer = await postJson<{ schedule: ScheduleView; run?: SolRun | null }>(path, body);
      onSchedule(answer.schedule);
      if (answer.run) onRun(answer.run);
    } catch (error) {
      setProblem((error as Error).message);
    }
  }

  function addEntry(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void act("/schedule/latest", { rover, pattern, timezone });
  }

  return (
    <section className="panel" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">Schedule</h2>
      <h3>Scheduled fetches</h3>
      {schedule.jobs.length === 0 ? (
        <p className="muted">None: choose “In” or “At” above.</p>
      ) : (
        <table className="schedule" aria-label="Scheduled fetches">
          <tbody>
            {schedule.jobs.map((job) => (
              <tr key={job.id} data-job-id={job.id}>
                <td>
                  <time dateTime={job.at}>{utcTime(job.at)}</time>
                </td>
                <td>
                  {job.rover} {job.sol === null ? "latest" : `sol ${job.sol}`} {job.camera ?? ""} {job.retry && <span className="muted">(retry)</span>}
                </td>
                <td>
                  <button type="button" onClick={() => void act("/schedule/cancel", { job_id: job.id })}>
                    Cancel
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Latest photos, on a cron pattern</h3>
      {schedule.entries.length > 0 && (
        <table className="schedule" aria-label="Cron entries">
          <tbody>
            {schedule.entries.map((entry) => (
              <tr key={entry.id} data-entry-id={entry.id}>
                <td>
                  <code>{entry.pattern}</code> ({entry.timezone})
                </td>
                <td>
                  {entry.rover} {entry.camera ?? ""} · next {entry.nextRun ? utcTime(entry.nextRun) : "paused"}
                </td>
                <td>
                  <button type="button" onClick={() => void act("/schedule/remove", { entry_id: entry.id })}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="inline-form" onSubmit={addEntry}>
        <select aria-label="Rover for the cron entry" value={rover} onChange={(event) => setRover(event.target.value as RoverInfo["name"])}>
          {rovers.map((r) => (
            <option key={r.name} value={r.name}>
              {r.label}
            </option>
          ))}
        </select>
        <input aria-label="Cron pattern" value={pattern} maxLength={100} onChange={(event) => setPattern(event.target.value)} />
        <input aria-label="Time zone" value={timezone} maxLength={60} onChange={(event) => setTimezone(event.target.value)} />
        <button type="submit">Add</button>
      </form>
      {problem && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
    </section>
  );
}
