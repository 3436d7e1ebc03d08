/**
 * A fixture web server for the word-count scenario (SCENARIOS.md (f), §2.6): articles with known
 * word counts, wrapped in the markup a word counter must see through (scripts, styles, comments,
 * JSON-LD, alt text), and the awkward responses a fetcher must survive.
 *
 * Routes:
 * - `GET /` → an index linking every article; `GET /articles/*.html` → the articles
 * - `GET /slow.html` → an article, after `slowPageDelayMs`
 * - `GET /huge.html` → a streamed page of exactly `hugePageWords` words
 * - `GET /data/report.json` → JSON, `GET /images/tide-pool.png` → a PNG (not HTML)
 * - `GET /old/tide-pools` → 301 to the tide-pools article
 * - anything else → a 404 HTML page
 * Counts follow `countWords` over the page body's visible text (`<title>` excluded).
 */
import type { ServerResponse } from "node:http";
import { checkDelay, escapeHtml as e, inlineJson, send, sendHtml, sendJson, sleep, startFakeServer, type FakeServer, type FakeServerOptions, type Route } from "./http.js";
import { ARTICLES, articleText, countWords, HUGE_PAGE_WORDS, SLOW_ARTICLE, type Article, type Block } from "./pages-content.js";
import { tinyPng } from "./png.js";

export { countWords } from "./pages-content.js";

export interface FakePagesOptions extends FakeServerOptions {
  /**
   * How long `/slow.html` takes, in milliseconds (on top of `latencyMs`).
   * @defaultValue 1500
   */
  slowPageDelayMs?: number;
  /**
   * How many words `/huge.html` holds; it is streamed in chunks, about 7 bytes per word.
   * @defaultValue 200000 (about 1.4 MB)
   */
  hugePageWords?: number;
}

/** One HTML page of the fixture set, with what a word counter should find in it. */
export interface PageFixture {
  readonly path: string;
  /** Absolute URL on this server. */
  readonly url: string;
  readonly title: string;
  /** The visible body text, one line per block. */
  readonly text: string;
  /** `countWords(text)`. */
  readonly wordCount: number;
}

/** A running fixture pages server. */
export interface FakePages extends FakeServer {
  /** The HTML pages with known counts: the index, every article and the slow page. */
  pages(): readonly PageFixture[];
  /** The special responses. */
  readonly urls: {
    readonly index: string;
    readonly slow: string;
    readonly huge: string;
    readonly json: string;
    readonly image: string;
    /** Answers 301 to the tide-pools article. */
    readonly redirect: string;
    /** Answers 404. */
    readonly missing: string;
  };
  /** The number of words `/huge.html` holds (`hugePageWords`). */
  readonly hugePageWords: number;
}

const DEFAULT_SLOW_PAGE_DELAY_MS = 1500;
const DEFAULT_HUGE_PAGE_WORDS = 200_000;
const HUGE_WORDS_PER_PARAGRAPH = 100;

/** The index page, as an article of links, so its count is known like any other. */
const INDEX: Article = {
  path: "/",
  title: "Fixture Pages",
  blocks: [
    ["h1", "Fixture Pages"],
    ["p", "Articles with known word counts, for testing a word counter."],
    ["ul", ARTICLES.map((article) => `[${article.title}](${article.path})`)],
  ],
};

/** Starts the fixture pages server on a free port of 127.0.0.1. */
export async function startFakePages(options: FakePagesOptions = {}): Promise<FakePages> {
  const slowPageDelayMs = checkDelay("slowPageDelayMs", options.slowPageDelayMs ?? DEFAULT_SLOW_PAGE_DELAY_MS);
  const hugePageWords = options.hugePageWords ?? DEFAULT_HUGE_PAGE_WORDS;
  if (!Number.isInteger(hugePageWords) || hugePageWords < 0) throw new RangeError(`startFakePages: hugePageWords must be an integer >= 0, got ${hugePageWords}`);
  const articles = new Map([INDEX, ...ARTICLES].map((article) => [article.path, article]));

  const routes: Route[] = [
    {
      method: "GET",
      pattern: /^(?<path>\/|\/articles\/[^/]+\.html)$/,
      handle(request, params) {
        const article = articles.get(params.path ?? "");
        if (!article) return notFound(request.res, request.url.pathname);
        sendHtml(request.res, 200, articlePage(article));
      },
    },
    {
      method: "GET",
      pattern: /^\/slow\.html$/,
      async handle(request) {
        await sleep(slowPageDelayMs);
        sendHtml(request.res, 200, articlePage(SLOW_ARTICLE));
      },
    },
    { method: "GET", pattern: /^\/huge\.html$/, handle: (request) => streamHugePage(request.res, hugePageWords) },
    {
      method: "GET",
      pattern: /^\/data\/report\.json$/,
      handle: (request) => sendJson(request.res, 200, { title: "Not a web page", note: "A fetcher asked for HTML should notice this is JSON.", values: [3, 1, 4] }),
    },
    { method: "GET", pattern: /^\/images\/tide-pool\.png$/, handle: (request) => send(request.res, 200, tinyPng(64, 40, [20, 60, 110], [120, 200, 210]), "image/png") },
    {
      method: "GET",
      pattern: /^\/old\/tide-pools\/?$/,
      handle: (request) => send(request.res, 301, "Moved to /articles/tide-pools.html", "text/plain; charset=utf-8", { Location: "/articles/tide-pools.html" }),
    },
  ];

  const core = await startFakeServer({
    routes,
    latencyMs: options.latencyMs,
    notFound: (request) => notFound(request.res, request.url.pathname),
    renderFailure: (request, status) => sendHtml(request.res, status, page(`Error ${status}`, `<h1>Error ${status}</h1>`)),
  });
  const fixture = (article: Article): PageFixture => {
    const text = articleText(article);
    return { path: article.path, url: `${core.url}${article.path}`, title: article.title, text, wordCount: countWords(text) };
  };
  const fixtures = [INDEX, ...ARTICLES, SLOW_ARTICLE].map(fixture);

  return {
    ...core,
    pages: () => fixtures,
    hugePageWords,
    urls: {
      index: `${core.url}/`,
      slow: `${core.url}${SLOW_ARTICLE.path}`,
      huge: `${core.url}/huge.html`,
      json: `${core.url}/data/report.json`,
      image: `${core.url}/images/tide-pool.png`,
      redirect: `${core.url}/old/tide-pools`,
      missing: `${core.url}/no-such-page.html`,
    },
  };
}

/**
 * An article inside the noise a word counter must ignore: CSS and script in the head and between
 * blocks, JSON-LD, a comment, and alt text. None of it is in the article's counted text.
 */
function articlePage(article: Article): string {
  const [first, ...rest] = article.blocks.map(renderBlock);
  const body = [
    "<!-- Comments hold words that no word counter should see. -->",
    "<article>",
    first,
    "<script>document.documentElement.dataset.inlineScript = 'these script words are not page text';</script>",
    '<img src="/images/tide-pool.png" alt="Alternative text lives in an attribute, not in a text node">',
    ...rest,
    "<style>.late-style { font-weight: bold; content: 'style words do not count either' }</style>",
    "</article>",
    '<script>window.analytics && window.analytics.track("page view");</script>',
  ].join("\n");
  const jsonLd = inlineJson({ "@context": "https://schema.org", "@type": "Article", headline: article.title, wordCount: countWords(articleText(article)) });
  return page(article.title, body, `<script type="application/ld+json">${jsonLd}</script>`);
}

/** The page skeleton every HTML response shares. */
function page(title: string, body: string, head = ""): string {
  return `${pageStart(title, head)}${body}\n${PAGE_END}`;
}

/** Everything up to the body: a stylesheet and a tracking script in the head, whose words are not page text. */
function pageStart(title: string, head = ""): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="description" content="A fixture page; words in attributes are not counted.">
  <title>${e(title)}</title>
  <style>
    /* Style sheets are not page text: body, font, family, margin. */
    body { font-family: Georgia, serif; margin: 2rem auto; max-width: 40rem; }
    em { color: darkslateblue; }
  </style>
  <script>
    // Script text is not page text either, not even its strings.
    window.analytics = { track: function (event) { console.log("tracking words that must never be counted", event); } };
  </script>
  ${head}
</head>
<body>
`;
}

const PAGE_END = "</body>\n</html>\n";

function renderBlock([tag, content]: Block): string {
  if (typeof content === "string") return `<${tag}>${inline(content)}</${tag}>`;
  return `<${tag}>\n${content.map((item) => `  <li>${inline(item)}</li>`).join("\n")}\n</${tag}>`;
}

/** Escapes a block's text, then turns `*em*` and `[text](href)` into tags (escaping leaves `*[]()` alone). */
function inline(text: string): string {
  return e(text)
    .replace(/\[([^\]]+)\]\(([^)]*)\)/g, '<a href="$2">$1</a>')
    .replace(/\*([^*]+)\*/g, "<em>$1</em>");
}

function notFound(res: ServerResponse, path: string): void {
  sendHtml(res, 404, page("Not found", `<h1>Not found</h1>\n<p>There is no page at ${e(path)} on this server.</p>`));
}

/** Streams `/huge.html` paragraph by paragraph, waiting for `drain` so memory stays flat whatever the size. */
async function streamHugePage(res: ServerResponse, words: number): Promise<void> {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
  res.write(pageStart("Huge"));
  for (let written = 0; written < words && !res.destroyed; written += HUGE_WORDS_PER_PARAGRAPH) {
    const count = Math.min(HUGE_WORDS_PER_PARAGRAPH, words - written);
    const paragraph = Array.from({ length: count }, (_, i) => HUGE_PAGE_WORDS[(written + i) % HUGE_PAGE_WORDS.length]).join(" ");
    if (!res.write(`<p>${paragraph}</p>\n`)) await drainOrClose(res);
  }
  res.end(PAGE_END);
}

/** Waits until the socket takes more data, or the client has gone (then `drain` would never come). */
function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
