/**
 * GET /api/batches/{id}/export?format=csv|json — the batch's export, as a download. 202 (JSON, with
 * the progress) while the export job still waits for pages, 404 for an unknown batch.
 */
import { appContext } from "../../../../../lib/app-context";
import { BATCH_ID, loadBatch } from "../../../../../lib/batch-store";
import { loadExportFile, type ExportFormat } from "../../../../../lib/export-store";
import { errorResponse, failure } from "../../../../../lib/http";

export const dynamic = "force-dynamic";

const MEDIA_TYPES: Record<ExportFormat, string> = { json: "application/json; charset=utf-8", csv: "text/csv; charset=utf-8" };

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await context.params;
    if (!BATCH_ID.test(id)) return failure(400, "A batch id is 32 hexadecimal digits, as POST /api/batches answered", { field: "id" });
    const format = new URL(request.url).searchParams.get("format") ?? "json";
    if (format !== "json" && format !== "csv") return failure(400, `format must be json or csv, got "${format.slice(0, 20)}"`, { field: "format" });
    const { redis, keys } = appContext();
    const file = await loadExportFile(redis, keys, id, format);
    if (file !== null) {
      return new Response(file, {
        headers: {
          "Content-Type": MEDIA_TYPES[format],
          "Content-Disposition": `attachment; filename="books-${id}.${format}"`,
          "Cache-Control": "no-store",
          "X-Content-Type-Options": "nosniff",
        },
      });
    }
    if (!(await loadBatch(redis, keys, id))) return failure(404, `There is no batch ${id} (never submitted here, or older than 7 days)`);
    const message = `The export of batch ${id} is not ready yet: it waits until every page is scraped or has failed`;
    return Response.json({ status: "pending", message }, { status: 202, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
