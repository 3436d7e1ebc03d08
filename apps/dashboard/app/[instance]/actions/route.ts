/**
 * POST /{instance}/actions: runs one action (lib/actions.ts) after the checks of lib/action-guard.ts
 * (authentication, read-only mode, CSRF). Answers JSON to the page's script, and a redirect back (or
 * plain text) to a form posted without JavaScript. Only POST is exported: other methods get 405.
 */
import { guardAction } from "../../../lib/action-guard";
import { RETURN_FIELD } from "../../../lib/action-catalog";
import { runAction } from "../../../lib/actions";
import { basePath, withBasePath } from "../../../lib/base-path";
import { actionResponse, describeError } from "../../../lib/http";
import { parseInstance, parseReturnPath } from "../../../lib/params";
import { inspectorFor, whenReachable } from "../../../lib/redis-connections";
import { readSettings } from "../../../lib/settings";

export async function POST(request: Request, { params }: { params: Promise<{ instance: string }> }): Promise<Response> {
  let returnTo = withBasePath("/");
  try {
    const settings = readSettings();
    const instance = parseInstance((await params).instance, settings);
    const guarded = await guardAction(request, settings);
    if ("refusal" in guarded) {
      if (guarded.refusal instanceof Response) return guarded.refusal;
      return actionResponse(request, { ok: false, ...guarded.refusal }, returnTo);
    }
    const back = guarded.form.get(RETURN_FIELD);
    returnTo = parseReturnPath(typeof back === "string" ? back : undefined, basePath());
    const outcome = await whenReachable(instance, () => runAction(inspectorFor(instance), instance.index, guarded.form));
    return actionResponse(request, { ok: true, status: 200, ...outcome }, outcome.redirectTo ? withBasePath(outcome.redirectTo) : returnTo);
  } catch (error) {
    return actionResponse(request, { ok: false, ...describeError(error) }, returnTo);
  }
}
