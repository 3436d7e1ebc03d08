"use client";
/**
 * The gallery's state: runs and schedule from GET /events (a snapshot, then a fresh card per change),
 * plus what the page's own requests return (new runs, the schedule after a change), which the live
 * updates then replace.
 */
import { useCallback, useEffect, useState } from "react";
import type { ScheduleView } from "../lib/schedule";
import { newestFirst } from "../lib/run-order";
import type { SolRun } from "../lib/sol-runs";

export type Connection = "connecting" | "live" | "reconnecting";

export interface LiveGallery {
  /** Newest first. */
  runs: SolRun[];
  schedule: ScheduleView;
  connection: Connection;
  /** Shows runs the page just enqueued (unless the feed sent newer cards already). */
  addRuns(runs: readonly SolRun[]): void;
  /** Replaces a run's card with one the page just read (after an action that publishes no event). */
  updateRun(run: SolRun): void;
  setSchedule(schedule: ScheduleView): void;
}

export function useLiveGallery(): LiveGallery {
  const [cards, setCards] = useState<ReadonlyMap<string, SolRun>>(new Map());
  const [schedule, setSchedule] = useState<ScheduleView>({ jobs: [], entries: [] });
  const [connection, setConnection] = useState<Connection>("connecting");

  useEffect(() => {
    const source = new EventSource("/events");
    const data = <T,>(event: Event) => JSON.parse((event as MessageEvent<string>).data) as T;
    source.addEventListener("snapshot", (event) => {
      const snapshot = data<{ runs: SolRun[]; schedule: ScheduleView }>(event);
      setCards((previous) => new Map([...previous, ...snapshot.runs.map((run) => [run.id, run] as const)]));
      setSchedule(snapshot.schedule);
      setConnection("live");
    });
    source.addEventListener("run", (event) => {
      const run = data<SolRun>(event);
      setCards((previous) => new Map(previous).set(run.id, run));
    });
    source.addEventListener("schedule", (event) => setSchedule(data<ScheduleView>(event)));
    source.onerror = () => setConnection("reconnecting"); // EventSource reconnects by itself
    return () => source.close();
  }, []);

  const addRuns = useCallback((runs: readonly SolRun[]) => {
    setCards((previous) => {
      const next = new Map(previous);
      for (const run of runs) if (!next.has(run.id)) next.set(run.id, run);
      return next;
    });
  }, []);

  const updateRun = useCallback((run: SolRun) => setCards((previous) => new Map(previous).set(run.id, run)), []);

  const runs = [...cards.values()].sort(newestFirst);
  return { runs, schedule, connection, addRuns, updateRun, setSchedule };
}
