/**
 * `POST /users` (the sign-up form, or JSON `{ "email": … }`): registers and enqueues the confirmation
 * mail, answering at once — a redirect with a notice for the form, 202 for JSON. `GET /users`: every
 * user as JSON, which the page polls to show both flags live.
 */
import { appContext } from "../../lib/app-context";
import { isAppError } from "../../lib/errors";
import { redirectWithNotice, type NoticeCode } from "../../lib/notices";
import { signUp } from "../../lib/signup";
import { toUserView } from "../../lib/user-view";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 4096;

export async function GET(): Promise<Response> {
  return Response.json({ users: appContext().users.list().map(toUserView) }, { headers: { "Cache-Control": "no-store" } });
}

export async function POST(request: Request): Promise<Response> {
  const wantsJson = (request.headers.get("content-type") ?? "").startsWith("application/json");
  const answer = (status: number, code: NoticeCode, body: Record<string, unknown>) =>
    wantsJson ? Response.json(body, { status }) : redirectWithNotice(code);

  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return Response.json({ error: "too-large", message: "The request body is too large" }, { status: 413 });
  let email: unknown;
  try {
    email = wantsJson ? ((await request.json()) as { email?: unknown } | null)?.email : (await request.formData()).get("email");
  } catch {
    return answer(400, "invalid-email", { error: "invalid-body", message: "Send a form with an email field, or JSON {\"email\": …}" });
  }
  try {
    const { user, job } = await signUp({ ...appContext(), retryDelaySeconds: appContext().config.retryDelaySeconds }, email);
    return answer(202, "registered", { user: toUserView(user), jobId: job.id });
  } catch (error) {
    if (isAppError(error, "InvalidEmailError")) return answer(400, "invalid-email", { error: "invalid-email", message: error.message });
    if (isAppError(error, "DuplicateEmailError")) return answer(409, "duplicate", { error: "duplicate", message: error.message });
    console.error(`ses-confirm: sign-up failed: ${(error as Error).message}`);
    return answer(503, "unavailable", { error: "unavailable", message: "The job queue is unreachable: nothing was saved, try again" });
  }
}
