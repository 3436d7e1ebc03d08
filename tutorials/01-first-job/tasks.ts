// tutorials/01-first-job/tasks.ts — RQ's first example, count_words_at_url, as an rqts task.
import { defineTask } from "@rqts/queue";

// The name is what Redis stores for each job: a worker runs it only if it was given this task.
export const countWordsAtUrl = defineTask("tasks.count_words_at_url", async (url: string) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  const text = await response.text();
  return text.split(/\s+/).filter(Boolean).length; // RQ's len(resp.text.split())
});
