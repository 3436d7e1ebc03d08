/**
 * robots.txt as RFC 9309 reads it, on the fixture bookshelf's file and on the corner cases.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_USER_AGENT } from "../lib/config";
import { parseRobotsTxt, productToken, type RobotsTxt } from "../lib/robots";
import { useServers } from "./helpers";

const ctx = useServers();

describe("the fixture bookshelf's robots.txt", () => {
  let robots: RobotsTxt;
  beforeAll(async () => {
    robots = parseRobotsTxt(await (await fetch(`${ctx.shelf.url}/robots.txt`)).text());
  });

  it("lets this app's user agent read book pages, and keeps it out of /private/ and /search", () => {
    expect(robots.isAllowed("/book/show/1101", DEFAULT_USER_AGENT)).toBe(true);
    expect(robots.isAllowed("/private/staff-only", DEFAULT_USER_AGENT)).toBe(false);
    expect(robots.isAllowed("/search?q=tide", DEFAULT_USER_AGENT)).toBe(false);
    expect(robots.crawlDelaySeconds(DEFAULT_USER_AGENT)).toBe(1);
  });

  it("bans the bot it names from every page, whatever its version or case", () => {
    expect(robots.isAllowed("/book/show/1101", "GreedyBot/1.0 (+https://greedy.example)")).toBe(false);
    expect(robots.isAllowed("/", "greedybot")).toBe(false);
    expect(robots.isAllowed("/robots.txt", "GreedyBot/1.0")).toBe(true); // always readable
  });
});

describe("parseRobotsTxt", () => {
  /** Each path with whether "bot" may fetch it under `text`. */
  const verdicts = (text: string, paths: string[]) => paths.map((path) => [path, parseRobotsTxt(text).isAllowed(path, "bot")]);

  it("lets the longest matching rule win, and Allow win a tie", () => {
    const text = "User-agent: *\nDisallow: /book/\nAllow: /book/show/\nDisallow: /book/show/9\nAllow: /tie\nDisallow: /tie\n";
    expect(verdicts(text, ["/book/list", "/book/show/1101", "/book/show/9001", "/tie"])).toEqual([
      ["/book/list", false],
      ["/book/show/1101", true],
      ["/book/show/9001", false],
      ["/tie", true],
    ]);
  });

  it("matches * anywhere and $ at the end only; other characters are literal", () => {
    const text = "User-agent: *\nDisallow: /*.pdf$\nDisallow: /book/*/edit\nDisallow: /a.b+c\n";
    expect(verdicts(text, ["/files/a.pdf", "/files/a.pdf?download=1", "/book/1101/edit", "/book/1101", "/aXb+c"])).toEqual([
      ["/files/a.pdf", false],
      ["/files/a.pdf?download=1", true],
      ["/book/1101/edit", false],
      ["/book/1101", true],
      ["/aXb+c", true],
    ]);
  });

  it("uses the groups naming the product token (merged), else the * groups, else allows everything", () => {
    const text = "User-agent: *\nDisallow: /\n\nUser-agent: MyBot\nDisallow: /a\n\nuser-agent: mybot\nDisallow: /b\n";
    const robots = parseRobotsTxt(text);
    expect([robots.isAllowed("/a", "MyBot/2.0"), robots.isAllowed("/b", "MyBot/2.0"), robots.isAllowed("/c", "MyBot/2.0")]).toEqual([false, false, true]);
    expect(robots.isAllowed("/c", "OtherBot")).toBe(false);
    expect(parseRobotsTxt("User-agent: OnlyThisBot\nDisallow: /\n").isAllowed("/x", "OtherBot")).toBe(true);
  });

  it("shares one group among consecutive User-agent lines, and opens a new one after a rule", () => {
    const robots = parseRobotsTxt("User-agent: a\nUser-agent: b\nDisallow: /x\nUser-agent: c\nDisallow: /y\n");
    expect([robots.isAllowed("/x", "a"), robots.isAllowed("/x", "b"), robots.isAllowed("/x", "c"), robots.isAllowed("/y", "c")]).toEqual([false, false, true, false]);
  });

  it("allows everything for an empty file, an empty Disallow, comments, rules outside a group and nonsense", () => {
    expect(parseRobotsTxt("").isAllowed("/anything", "bot")).toBe(true);
    expect(parseRobotsTxt("User-agent: *\nDisallow:\n").isAllowed("/anything", "bot")).toBe(true);
    expect(parseRobotsTxt("Disallow: /\n# User-agent: *\nnot a line\n").isAllowed("/anything", "bot")).toBe(true);
    expect(parseRobotsTxt("User-agent: * # everyone\r\nDisallow: /secret # keep out\r\n").isAllowed("/secret/1", "bot")).toBe(false);
  });

  it("reads a user agent's product token: the name before the version", () => {
    expect(productToken(DEFAULT_USER_AGENT)).toBe("rqts-goodreads-scraper");
    expect(productToken("GreedyBot/1.0 (+https://greedy.example)")).toBe("greedybot");
  });
});
