/**
 * POST /wordcount — enqueue "count the words at this URL" (form or JSON field `url`) and answer 202
 * with the job id. The URL is checked first (see lib/url-policy.ts): 400 says why one is refused.
 */
import { appContext } from "../../lib/app-context";
import { enqueueWordCount } from "../../lib/enqueue";
import { errorResponse, readFields, success } from "../../lib/http";
import { checkPageUrl, urlPolicy } from "../../lib/url-policy";

export async function POST(request: Request): Promise<Response> {
  try {
    const { config, queue } = appContext();
    const url = checkPageUrl((await readFields(request)).url, urlPolicy(config));
    const job = await enqueueWordCount(queue, url);
    return success({ task_id: job.id, url: url.href }, 202);
  } catch (error) {
    return errorResponse(error);
  }
}
