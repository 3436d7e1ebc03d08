"use client";
/**
 * The interactive page: the fetch form, the schedule, and the runs as cards, kept live by
 * useLiveGallery (server-sent events).
 */
import type { RoverInfo } from "../lib/rovers";
import { FetchForm } from "./fetch-form";
import { RunCard } from "./run-card";
import { SchedulePanel } from "./schedule-panel";
import { useLiveGallery } from "./use-live-gallery";

export function Gallery({ rovers }: { rovers: readonly RoverInfo[] }) {
  const { runs, schedule, connection, addRuns, updateRun, setSchedule } = useLiveGallery();
  return (
    <>
      <div className="controls">
        <FetchForm rovers={rovers} onRuns={addRuns} />
        <SchedulePanel schedule={schedule} rovers={rovers} onSchedule={setSchedule} onRun={updateRun} />
      </div>
      <section aria-labelledby="runs-heading">
        <h2 id="runs-heading">
          Runs <span className={`connection ${connection}`}>{connection}</span>
        </h2>
        {runs.length === 0 ? <p className="muted">No runs yet: fetch a few sols.</p> : runs.map((run) => <RunCard key={run.id} run={run} />)}
      </section>
    </>
  );
}
