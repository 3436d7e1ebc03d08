/**
 * The jobs table: one row per job with its status, progress and result. A finished word count shows
 * its top ten words; a failed job shows its error. All of it is plain text.
 */
import type { TaskData } from "../lib/task-view";

export function TaskTable({ tasks }: { tasks: readonly TaskData[] }) {
  if (tasks.length === 0) return <p className="muted">No jobs yet: press a button.</p>;
  return (
    <table className="jobs">
      <thead>
        <tr>
          <th>ID</th>
          <th>Task</th>
          <th>Status</th>
          <th>Progress</th>
          <th>Result</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => (
          <tr key={task.task_id} data-task-id={task.task_id} data-status={task.task_status}>
            <td>
              <code title={task.task_id}>{task.task_id.slice(0, 8)}</code>
            </td>
            <td>{task.task_type === "word-count" ? `word count of ${task.task_url ?? "?"}` : task.task_type}</td>
            <td>
              <span className={`status ${task.task_status}`}>{task.task_status}</span>
            </td>
            <td>
              <Progress value={task.task_progress} />
            </td>
            <td>
              <Result task={task} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Progress({ value }: { value: number | null }) {
  if (value === null) return <span className="muted">–</span>;
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <span className="progress">
      <progress max={100} value={percent} /> <span className="percent">{percent}%</span>
    </span>
  );
}

function Result({ task }: { task: TaskData }) {
  if (task.task_error) return <span className="error">{task.task_error}</span>;
  if (task.task_status !== "finished") return <span className="muted">–</span>;
  const count = task.word_count;
  if (task.task_type !== "word-count") return <code>{JSON.stringify(task.task_result)}</code>;
  if (!count) return <span className="muted">saved count #{String(task.task_result)} is gone</span>;
  return (
    <table className="top-words" aria-label={`Top ${count.topWords.length} words`}>
      <caption>
        {count.totalWords} words, {count.distinctWords} different (saved count #{count.id})
      </caption>
      <thead>
        <tr>
          <th>Word</th>
          <th>Count</th>
        </tr>
      </thead>
      <tbody>
        {count.topWords.map(({ word, count: times }) => (
          <tr key={word}>
            <td>{word}</td>
            <td>{times}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
