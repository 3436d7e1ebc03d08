/**
 * What the sign-up form accepts as an email address. The pattern is the one browsers apply to
 * `<input type="email">` (WHATWG), so the server agrees with the form; the length limits are the
 * tutorial's (6–40 characters was WTForms' rule there; 254 is what SMTP allows in a path).
 */
import { InvalidEmailError } from "./errors";

/** Shortest address accepted (`a@b.cd`). */
export const MIN_EMAIL_LENGTH = 6;
/** Longest address accepted (the limit of an SMTP forward path). */
export const MAX_EMAIL_LENGTH = 254;

const WHATWG_EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

/**
 * The address to store: trimmed, its domain lower-cased (domains are case-insensitive, local parts
 * may not be). Throws {@link InvalidEmailError} naming the problem.
 */
export function normalizeEmail(input: unknown): string {
  if (typeof input !== "string" || input.trim() === "") throw new InvalidEmailError("Enter an email address");
  const trimmed = input.trim();
  if (trimmed.length < MIN_EMAIL_LENGTH || trimmed.length > MAX_EMAIL_LENGTH) {
    throw new InvalidEmailError(`An email address has ${MIN_EMAIL_LENGTH} to ${MAX_EMAIL_LENGTH} characters`);
  }
  // A domain needs a dot: SES refuses single-label domains such as "user@localhost".
  if (!WHATWG_EMAIL.test(trimmed)) throw new InvalidEmailError("That is not an email address (name@example.com)");
  const at = trimmed.lastIndexOf("@");
  return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}
