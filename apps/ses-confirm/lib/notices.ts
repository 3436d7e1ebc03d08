/**
 * The flash messages the page shows after a redirect, by code (`/?notice=registered`). Only these codes
 * are accepted, so a crafted URL cannot make the page say anything else.
 */

/** How a notice looks. */
export type NoticeKind = "success" | "danger" | "info";

/** Every notice, by code. */
export const NOTICES = {
  registered: { kind: "success", text: "Thank you for registering. A confirmation mail is on its way." },
  duplicate: { kind: "danger", text: "That email address is already registered." },
  "invalid-email": { kind: "danger", text: "That is not an email address we can send to (name@example.com, 6 to 254 characters)." },
  unavailable: { kind: "danger", text: "Signing up is not possible right now (the job queue is unreachable). Nothing was saved: please try again." },
  confirmed: { kind: "success", text: "You have confirmed your account. Thanks!" },
  "already-confirmed": { kind: "success", text: "Account already confirmed." },
  expired: { kind: "danger", text: "The confirmation link has expired (links work for one hour)." },
  "invalid-link": { kind: "danger", text: "The confirmation link is invalid." },
} as const satisfies Record<string, { kind: NoticeKind; text: string }>;

/** A notice's code. */
export type NoticeCode = keyof typeof NOTICES;

/** The notice for a query value, or null for anything that is not a known code. */
export function noticeFor(code: unknown): (typeof NOTICES)[NoticeCode] | null {
  return typeof code === "string" && Object.hasOwn(NOTICES, code) ? NOTICES[code as NoticeCode] : null;
}

/**
 * A 303 redirect to the home page showing `code` (a POST answered with a page to GET, as browsers
 * expect). The location is relative: behind a proxy the server does not know the address people use.
 */
export function redirectWithNotice(code: NoticeCode): Response {
  return new Response(null, { status: 303, headers: { Location: `/?notice=${code}` } });
}
