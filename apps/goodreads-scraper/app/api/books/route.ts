/**
 * GET /api/books?url=… — one scraped book, read by URL from the app's own key (the timber.io app's
 * `GET /getBookInfo?url=`). Any form of the URL works (slug, query): it is canonicalised first.
 */
import { appContext } from "../../../lib/app-context";
import { loadBooks } from "../../../lib/book-store";
import { checkBookUrl } from "../../../lib/book-url";
import { errorResponse, failure, success } from "../../../lib/http";

export const dynamic = "force-dynamic";

// #region get-book
export async function GET(request: Request): Promise<Response> {
  try {
    const { redis, config, keys } = appContext();
    const book = checkBookUrl(new URL(request.url).searchParams.get("url"), config); // 400 unless an allowed book URL
    const [record] = await loadBooks(redis, keys, [book.url]);
    if (!record) return failure(404, `No book info found for ${book.url}: submit it first, or wait for the worker`);
    return success(record);
  } catch (error) {
    return errorResponse(error);
  }
}
// #endregion get-book
