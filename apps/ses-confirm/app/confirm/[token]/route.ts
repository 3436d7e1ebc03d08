/**
 * `GET /confirm/<token>`, the link in the mail: a valid token sets `confirmed` (once); an expired,
 * altered or malformed one changes nothing. Each outcome redirects home with its notice.
 */
import { appContext } from "../../../lib/app-context";
import { redirectWithNotice } from "../../../lib/notices";
import { verifyToken } from "../../../lib/token";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const { config, users } = appContext();
  const check = verifyToken(token.slice(0, 1000), config.secret);
  if (!check.valid) return redirectWithNotice(check.reason === "expired" ? "expired" : "invalid-link");
  const outcome = users.confirm(check.claims.userId, check.claims.email);
  return redirectWithNotice(outcome === "no-such-user" ? "invalid-link" : outcome);
}
