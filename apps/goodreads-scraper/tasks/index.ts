/**
 * Every task of the goodreads-scraper app, built from the settings the worker read from its environment.
 */
import type { Task } from "@rqts/queue";
import { exportBatchTask } from "./export-batch";
import { scrapeBookTask, type ScrapeSettings } from "./scrape-book";

/** The tasks a goodreads-scraper worker runs. */
export function createTasks(settings: ScrapeSettings): Task[] {
  return [scrapeBookTask(settings), exportBatchTask(settings)];
}
