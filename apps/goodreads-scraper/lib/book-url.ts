/**
 * Which URLs may be scraped, and the one canonical form each is known by.
 *
 * A URL is accepted when it is http(s), at most 2,048 characters, carries no credentials, belongs to an
 * allowed site (an exact origin match: scheme, host and port), and names a book page,
 * `/book/show/<id>` with an optional `-slug` or `.Title` after the id. Nothing else is fetched, so the
 * web app cannot be used to make requests to other hosts on someone's behalf (no SSRF).
 *
 * The canonical form is `<origin>/book/show/<id>`: the slug, query and fragment change nothing about
 * the book (the site looks pages up by id), so `…/1101-the-cartographer?ref=nav` and `…/1101` are one
 * book, one job id and one stored result.
 */
import { sitesVariable, type Mode } from "./config";
import { ConfigError, InvalidInputError, type UrlProblem } from "./errors";

/** The longest URL accepted. */
export const MAX_URL_LENGTH = 2048;
/** The most URLs one batch may hold. */
export const MAX_BATCH_URLS = 100;

const BOOK_PATH = /^\/book\/show\/(\d{1,15})(?:[-.][^/]*)?\/?$/;

/** A checked book URL. */
export interface BookUrl {
  /** The canonical URL, `<origin>/book/show/<id>`: what is fetched, hashed and stored. */
  url: string;
  origin: string;
  /** Host and port, e.g. `127.0.0.1:41234`: the rate limit and robots.txt apply per host. */
  host: string;
  /** The site's id of the book. */
  bookId: string;
}

/** Where URLs may come from: the allowed origins, and the mode (to name the variable that lists them). */
export interface SitePolicy {
  allowedOrigins: readonly string[];
  mode: Mode;
}

/** Checks one URL; throws `InvalidInputError` (field `url`) saying why it is refused. */
export function checkBookUrl(input: unknown, policy: SitePolicy): BookUrl {
  const reason = refusal(input, policy);
  if (typeof reason === "string") throw new InvalidInputError("url", reason);
  return reason;
}

/** A checked batch: the distinct books in submission order, and how many entries repeated an earlier one. */
export interface CheckedBatch {
  books: BookUrl[];
  duplicates: number;
}

/**
 * Checks a submitted list. All or nothing: when any entry is refused, `InvalidInputError` (field
 * `urls`) lists every refused entry and nothing is enqueued. Repeats (same canonical URL) are dropped.
 */
export function checkBookUrls(input: unknown, policy: SitePolicy): CheckedBatch {
  if (!Array.isArray(input) || input.length === 0) {
    throw new InvalidInputError("urls", "Send a list of book URLs: a JSON array of strings, or { \"urls\": [...] }, or one URL per line");
  }
  if (input.length > MAX_BATCH_URLS) {
    throw new InvalidInputError("urls", `A batch holds at most ${MAX_BATCH_URLS} URLs; got ${input.length}. Split the list.`);
  }
  const problems: UrlProblem[] = [];
  const books = new Map<string, BookUrl>();
  input.forEach((entry, index) => {
    const checked = refusal(entry, policy);
    if (typeof checked === "string") problems.push({ index, url: typeof entry === "string" ? entry.slice(0, 200) : JSON.stringify(entry)?.slice(0, 200) ?? "", reason: checked });
    else if (!books.has(checked.url)) books.set(checked.url, checked);
  });
  if (problems.length > 0) {
    const first = problems[0]!;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    throw new InvalidInputError("urls", `Nothing was scheduled: URL ${first.index + 1} is refused: ${first.reason}${more}`, problems);
  }
  return { books: [...books.values()], duplicates: input.length - books.size };
}

/** The checked URL, or why it is refused. */
function refusal(input: unknown, policy: SitePolicy): BookUrl | string {
  if (policy.allowedOrigins.length === 0) {
    const variable = sitesVariable(policy.mode);
    throw new ConfigError(
      variable,
      policy.mode === "demo"
        ? "no site is allowed yet: start the fixture bookshelf (`npm run bookshelf -w @rqts/goodreads-scraper`) and set this to the URL it prints"
        : "no site is allowed yet: list the origins you may scrape, such as https://books.example.org",
    );
  }
  // #region check-url
  if (typeof input !== "string" || input.trim() === "") return "not a URL: enter the address of a book page";
  const text = input.trim();
  if (text.length > MAX_URL_LENGTH) return `${text.length} characters long; at most ${MAX_URL_LENGTH} are accepted`;
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url) return `"${text.slice(0, 100)}" is not a URL (it needs http:// or https://)`;
  if (url.protocol !== "http:" && url.protocol !== "https:") return `only http:// and https:// pages are scraped, not ${url.protocol}// URLs`;
  if (url.username || url.password) return "a URL with a user name or password is not accepted";
  if (!policy.allowedOrigins.includes(url.origin)) {
    return `${url.origin} is not an allowed site (allowed: ${policy.allowedOrigins.join(", ")})`;
  }
  const match = BOOK_PATH.exec(url.pathname);
  if (!match) return `${url.pathname} is not a book page: expected /book/show/<id>, optionally followed by -<title>`;
  const bookId = String(Number(match[1])); // "0042" and "42" are the same book
  return { url: `${url.origin}/book/show/${bookId}`, origin: url.origin, host: url.host, bookId };
  // #endregion check-url
}
