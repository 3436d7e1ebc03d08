"use client";
/**
 * The table's state: rows from GET /events (a snapshot, then one fresh row per change), plus rows the
 * page adds itself right after enqueueing, which the live rows then replace.
 */
import { useCallback, useEffect, useState } from "react";
import type { TaskData } from "../lib/task-view";

export type Connection = "connecting" | "live" | "reconnecting";

export interface LiveTasks {
  /** Newest enqueued first. */
  tasks: TaskData[];
  connection: Connection;
  /** Shows a job just enqueued as queued, unless the feed already sent a row for it. */
  addPending(id: string, type: TaskData["task_type"], url?: string): void;
}

export function useLiveTasks(): LiveTasks {
  const [rows, setRows] = useState<ReadonlyMap<string, TaskData>>(new Map());
  const [connection, setConnection] = useState<Connection>("connecting");

  useEffect(() => {
    const source = new EventSource("/events");
    source.addEventListener("snapshot", (event) => {
      const snapshot = JSON.parse((event as MessageEvent<string>).data) as TaskData[];
      // Keep rows this page added that are newer than the snapshot's reach; the snapshot wins for the rest.
      setRows((previous) => new Map([...previous, ...snapshot.map((task) => [task.task_id, task] as const)]));
      setConnection("live");
    });
    source.addEventListener("task", (event) => {
      const task = JSON.parse((event as MessageEvent<string>).data) as TaskData;
      setRows((previous) => new Map(previous).set(task.task_id, task));
    });
    source.onerror = () => setConnection("reconnecting"); // EventSource retries by itself
    return () => source.close();
  }, []);

  const addPending = useCallback((id: string, type: TaskData["task_type"], url?: string) => {
    setRows((previous) => (previous.has(id) ? previous : new Map(previous).set(id, pendingRow(id, type, url))));
  }, []);

  const tasks = [...rows.values()].sort((a, b) => (b.enqueued_at ?? "").localeCompare(a.enqueued_at ?? ""));
  return { tasks, connection, addPending };
}

function pendingRow(id: string, type: TaskData["task_type"], url: string | undefined): TaskData {
  return {
    task_id: id,
    task_type: type,
    task_status: "queued",
    task_progress: null,
    task_result: null,
    task_error: null,
    task_url: url ?? null,
    word_count: null,
    enqueued_at: new Date().toISOString(),
    ended_at: null,
  };
}
