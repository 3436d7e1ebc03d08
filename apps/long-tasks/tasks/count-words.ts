/**
 * The realpython word counter's job (`count_and_save_words`): fetch a page, count its words and its
 * most common non-stop words, save the count in the app's own Redis key for good, and return only the
 * saved record's id. The job's result is a pointer; the data outlives the job.
 */
import type { Redis } from "ioredis";
import { currentJob, defineTask } from "@rqts/queue";
import { fetchPage, type FetchPageOptions } from "../lib/page-fetcher";
import { TASK_NAMES } from "../lib/task-catalog";
import { countPageWords } from "../lib/word-count";
import { saveWordCount } from "../lib/word-count-store";
import { checkPageUrl, type UrlPolicy } from "../lib/url-policy";

export interface CountWordsSettings {
  /** Where counts are saved. */
  connection: Redis;
  /** Which URLs may be fetched (checked again here: a job may come from any producer). */
  policy: UrlPolicy;
  /** Time and size limits of the fetch. @defaultValue fetchPage's (10 s, 2 MiB, 5 redirects) */
  fetch?: Omit<FetchPageOptions, "signal">;
}

// #region count-words-task
/** The word-count task: `(url)` → the id of the saved count. */
export function countWordsTask({ connection, policy, fetch }: CountWordsSettings) {
  return defineTask(TASK_NAMES.countWords, async (url: string) => {
    const job = currentJob();
    const checked = checkPageUrl(url, policy);
    const page = await fetchPage(checked, policy, { ...fetch, signal: job.signal });
    await job.setProgress(0.5);
    const count = countPageWords(page.body, page.mediaType);
    const id = await saveWordCount(connection, { url: checked.href, finalUrl: page.url, countedAt: new Date().toISOString(), ...count });
    await job.setProgress(1);
    return id; // the pointer: GET /tasks/{job id} loads the record it points to
  });
}
// #endregion count-words-task
