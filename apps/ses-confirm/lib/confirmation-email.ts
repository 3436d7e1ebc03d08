/**
 * The confirmation mail, as plain text and as HTML. Every value placed in the HTML is escaped: the
 * address is what a stranger typed into a form.
 */

/** A rendered mail. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** The subject line (the tutorial's). */
export const CONFIRMATION_SUBJECT = "Confirm Your Account";

/** Renders the mail asking `email` to follow `link` within an hour. */
export function renderConfirmationEmail(email: string, link: string): RenderedEmail {
  const text = [
    `Welcome! Thanks for signing up with ${email}.`,
    "",
    "Please follow this link to confirm your address:",
    link,
    "",
    "The link works for one hour. If you did not sign up, ignore this mail.",
  ].join("\n");
  const html = `<!doctype html>
<html><body style="font-family: sans-serif">
<p>Welcome! Thanks for signing up with <strong>${escapeHtml(email)}</strong>.</p>
<p><a href="${escapeHtml(link)}" target="_blank">Confirm your address</a></p>
<p style="color: #555">The link works for one hour. If you did not sign up, ignore this mail.</p>
</body></html>`;
  return { subject: CONFIRMATION_SUBJECT, text, html };
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe to place in HTML content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}
