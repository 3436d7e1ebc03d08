/**
 * GET /api/batches/{id} — a batch's progress: each page's status, error and book, and its export.
 * 202 while pages are pending (ask again), 200 once the export is ready, 404 for an unknown batch.
 */
import { appContext } from "../../../../lib/app-context";
import { BATCH_ID } from "../../../../lib/batch-store";
import { readBatch } from "../../../../lib/batch-view";
import { errorResponse, failure, success } from "../../../../lib/http";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await context.params;
    if (!BATCH_ID.test(id)) return failure(400, "A batch id is 32 hexadecimal digits, as POST /api/batches answered", { field: "id" });
    const { redis, keys } = appContext();
    const batch = await readBatch(redis, keys, id);
    if (!batch) return failure(404, `There is no batch ${id} (never submitted here, or older than 7 days)`);
    return success(batch, batch.finished ? 200 : 202);
  } catch (error) {
    return errorResponse(error);
  }
}
