/**
 * robots.txt as RFC 9309 describes it, for one question: may this user agent fetch this path?
 *
 * - Lines are `field: value`, `#` starts a comment. One or more `User-agent` lines open a group; the
 *   `Allow` / `Disallow` lines after them are its rules.
 * - The crawler's product token (the user agent up to the first `/` or space, e.g. `GreedyBot` for
 *   `GreedyBot/1.0`) picks the groups naming it, case-insensitively; all such groups count as one. With
 *   none, the `*` groups apply; with no `*` group either, everything is allowed.
 * - Within the group, the longest matching rule wins, and `Allow` wins a tie. `*` in a rule matches any
 *   characters, a final `$` anchors it at the end; an empty `Disallow:` allows everything.
 * - `/robots.txt` itself is always allowed. `Crawl-delay` is not part of the standard; it is read so
 *   the worker can warn when the configured rate is faster.
 */

/** One Allow or Disallow rule. */
interface Rule {
  allow: boolean;
  pattern: string;
  matcher: RegExp;
}

interface Group {
  agents: string[];
  rules: Rule[];
  crawlDelaySeconds: number | undefined;
}

/** A parsed robots.txt. */
export interface RobotsTxt {
  /** Whether `userAgent` may fetch `path` (a path with its query, e.g. `/book/show/1101?ref=list`). */
  isAllowed(path: string, userAgent: string): boolean;
  /** The `Crawl-delay` of the group that applies to `userAgent`, in seconds, if it gives one. */
  crawlDelaySeconds(userAgent: string): number | undefined;
}

/** The most of a robots.txt that is read (RFC 9309 asks crawlers to read at least 500 KiB). */
export const MAX_ROBOTS_BYTES = 512 * 1024;

/** Parses robots.txt text. Unknown fields and malformed lines are skipped, as the RFC asks. */
export function parseRobotsTxt(text: string): RobotsTxt {
  const groups = readGroups(text.slice(0, MAX_ROBOTS_BYTES));
  const groupFor = (userAgent: string): Group | undefined => {
    const token = productToken(userAgent);
    const named = groups.filter((group) => group.agents.includes(token));
    const chosen = named.length > 0 ? named : groups.filter((group) => group.agents.includes("*"));
    if (chosen.length === 0) return undefined;
    return {
      agents: [token],
      rules: chosen.flatMap((group) => group.rules),
      crawlDelaySeconds: chosen.find((group) => group.crawlDelaySeconds !== undefined)?.crawlDelaySeconds,
    };
  };
  return {
    isAllowed(path, userAgent) {
      if (path === "/robots.txt") return true;
      let best: Rule | undefined;
      for (const rule of groupFor(userAgent)?.rules ?? []) {
        if (!rule.matcher.test(path)) continue;
        const longer = !best || rule.pattern.length > best.pattern.length;
        const tieWonByAllow = best !== undefined && rule.pattern.length === best.pattern.length && rule.allow && !best.allow;
        if (longer || tieWonByAllow) best = rule;
      }
      return best?.allow ?? true;
    },
    crawlDelaySeconds: (userAgent) => groupFor(userAgent)?.crawlDelaySeconds,
  };
}

/** A user agent's product token, lower case: `GreedyBot/1.0 (+https://…)` → `greedybot`. */
export function productToken(userAgent: string): string {
  return (userAgent.trim().split(/[/\s]/)[0] ?? "").toLowerCase();
}

function readGroups(text: string): Group[] {
  const groups: Group[] = [];
  let current: Group | undefined;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*/, "").trim();
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const field = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (field === "user-agent") {
      // Consecutive User-agent lines share one group; one after a rule opens a new group.
      if (!current || !lastWasAgent) groups.push((current = { agents: [], rules: [], crawlDelaySeconds: undefined }));
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue; // rules before any User-agent line belong to no group
    if (field === "allow" || field === "disallow") {
      if (value === "") continue; // "Disallow:" with no path allows everything: no rule
      current.rules.push({ allow: field === "allow", pattern: value, matcher: patternToRegExp(value) });
    } else if (field === "crawl-delay") {
      const seconds = Number(value);
      if (Number.isFinite(seconds) && seconds >= 0) current.crawlDelaySeconds = seconds;
    }
  }
  return groups;
}

/** `/private/*.html$` → a RegExp anchored at the start (and at the end for `$`). */
function patternToRegExp(pattern: string): RegExp {
  const anchored = pattern.endsWith("$");
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}${anchored ? "$" : ""}`);
}
