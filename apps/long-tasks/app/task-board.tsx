"use client";
/**
 * The interactive part of the page: buttons that POST /tasks, the form that POSTs /wordcount, and the
 * live table. Everything shown comes from job data and is rendered as text (React escapes it).
 */
import { useState, type FormEvent } from "react";
import type { TaskType } from "../lib/task-catalog";
import { TaskTable } from "./task-table";
import { useLiveTasks } from "./use-live-tasks";

const BUTTONS: ReadonlyArray<{ type: TaskType; label: string }> = [
  { type: "short", label: "Short" },
  { type: "medium", label: "Medium" },
  { type: "long", label: "Long" },
  { type: "fail", label: "Fail" },
];

interface Answer {
  status: "success" | "error";
  data?: { task_id: string };
  message?: string;
}

/** POSTs JSON and returns the enqueued job's id, or throws with the server's message. */
async function post(path: string, body: Record<string, string>): Promise<string> {
  const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const answer = (await response.json().catch(() => ({ status: "error", message: `HTTP ${response.status}` }))) as Answer;
  if (response.status !== 202 || !answer.data) throw new Error(answer.message ?? `HTTP ${response.status}`);
  return answer.data.task_id;
}

export function TaskBoard({ exampleUrl, urlRule }: { exampleUrl: string; urlRule: string }) {
  const { tasks, connection, addPending } = useLiveTasks();
  const [problem, setProblem] = useState<string | null>(null);
  const [url, setUrl] = useState(exampleUrl);

  async function enqueue(type: TaskType) {
    setProblem(null);
    try {
      addPending(await post("/tasks", { type }), type);
    } catch (error) {
      setProblem((error as Error).message);
    }
  }

  async function countWords(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    try {
      addPending(await post("/wordcount", { url }), "word-count", url);
    } catch (error) {
      setProblem((error as Error).message);
    }
  }

  return (
    <>
      <section aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">Tasks</h2>
        <div className="buttons">
          {BUTTONS.map(({ type, label }) => (
            <button key={type} type="button" onClick={() => void enqueue(type)}>
              {label}
            </button>
          ))}
        </div>
        <form onSubmit={(event) => void countWords(event)}>
          <label htmlFor="url">Count the words at</label>
          <input id="url" name="url" type="url" required maxLength={2048} value={url} onChange={(event) => setUrl(event.target.value)} />
          <button type="submit">Count words</button>
          <p className="muted">{urlRule}</p>
        </form>
        {problem && (
          <p role="alert" className="problem">
            {problem}
          </p>
        )}
      </section>
      <section aria-labelledby="jobs-heading">
        <h2 id="jobs-heading">
          Jobs <span className={`connection ${connection}`}>{connection}</span>
        </h2>
        <TaskTable tasks={tasks} />
      </section>
    </>
  );
}
