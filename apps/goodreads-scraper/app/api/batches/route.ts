/**
 * POST /api/batches — submit book URLs (the timber.io app's `POST /parseGoodreadsLinks`): a JSON
 * array, `{ "urls": [...] }`, or one URL per line. Answers 202 with the batch at once; the pages are
 * fetched later, by the worker, politely. 400 lists every refused URL, and then nothing is enqueued.
 */
import { appContext } from "../../../lib/app-context";
import { errorResponse, readUrlList, success } from "../../../lib/http";
import { submitBatch } from "../../../lib/submit-batch";

// #region post-batches
export async function POST(request: Request): Promise<Response> {
  try {
    const { redis, config, keys } = appContext();
    const batch = await submitBatch(redis, config, keys, await readUrlList(request));
    const count = (submitted: string) => batch.pages.filter((page) => page.submitted === submitted).length;
    return success(
      {
        batch_id: batch.id,
        message: `${batch.pages.length} book(s) scheduled: ${count("new")} new, ${count("existing")} already scheduled or scraped, ${count("retried")} retried`,
        pages: batch.pages.map((page) => ({ url: page.url, job_id: page.jobId, submitted: page.submitted })),
        duplicates: batch.duplicates,
        export_job_id: batch.exportJobId,
      },
      202, // Accepted: the scraping happens later, in the worker
    );
  } catch (error) {
    return errorResponse(error);
  }
}
// #endregion post-batches
