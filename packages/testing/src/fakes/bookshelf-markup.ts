/**
 * The HTML of the fake bookshelf, in the two layouts a scraper of book pages meets (SCENARIOS.md §2.5):
 *
 * - classic (2018): `h1#bookTitle`, `#bookAuthors a.authorName > span[itemprop=name]`,
 *   `#bookMeta span[itemprop=ratingValue]` (padded with whitespace, as it was), and `#description`
 *   with a truncated span plus the full text in `span[style="display:none"]` — only when the text
 *   is long enough to be truncated;
 * - modern (2022–): `h1[data-testid=bookTitle]`, `[data-testid=name]`, `.RatingStatistics__rating`,
 *   `[data-testid=description] .Formatted`, `[data-testid=pagesFormat|publicationInfo|genresList]`,
 *   and a `<script type="application/ld+json">` Book object (which, like the real one, has no description).
 *
 * Every piece of text goes through `escapeHtml`; JSON inside scripts through `inlineJson`.
 */
import type { BookFixture, BookListFixture } from "./bookshelf-books.js";
import { escapeHtml as e, inlineJson } from "./http.js";

/** Where a book's page lives: `/book/show/<id>-<slug>`. */
export const bookPath = (book: Pick<BookFixture, "id" | "slug">) => `/book/show/${book.id}-${book.slug}`;
/** Where a list page lives: `/list/show/<id>-<slug>`. */
export const listPath = (list: BookListFixture) => `/list/show/${list.id}-${list.slug}`;
const authorPath = (author: { id: number; name: string }) => `/author/show/${author.id}.${encodeURIComponent(author.name.replace(/ /g, "_"))}`;
const coverPath = (book: BookFixture) => `/covers/${book.id}.png`;
const genrePath = (genre: string) => `/genres/${encodeURIComponent(genre.toLowerCase().replace(/ /g, "-"))}`;
const count = (n: number) => n.toLocaleString("en-US");
const byline = (book: BookFixture) => book.authors.map((a) => a.name).join(", ");

/** The classic page shows this many characters before "...more". */
const TRUNCATE_AT = 180;

function classicShell(title: string, body: string): string {
  return `<!DOCTYPE html>
<html class="desktop">
<head>
  <meta charset="utf-8">
  <title>${e(title)}</title>
  <style>#description span { line-height: 1.4 } .greyText { color: #999 }</style>
</head>
<body>
<div class="content" id="bodycontainer">
<div class="mainContentContainer"><div class="mainContent">
${body}
</div></div>
</div>
<script>function swapContent(link) { /* the real site swapped the truncated and full spans */ }</script>
</body>
</html>
`;
}

/** A book page in the 2018 layout the timber.io tutorial scraped. */
export function classicBookPage(book: BookFixture): string {
  const fullText = book.description.map(e).join("<br><br>");
  const plain = book.description.join(" ");
  const truncated = plain.length > TRUNCATE_AT;
  const description = truncated
    ? `<span id="freeTextContainer${book.id}">${e(plain.slice(0, TRUNCATE_AT).trimEnd())}…</span>
      <span id="freeText${book.id}" style="display:none">${fullText}</span>
      <a data-text-id="${book.id}" href="#" onclick="swapContent($(this));; return false;">...more</a>`
    : `<span id="freeTextContainer${book.id}">${fullText}</span>`;
  const authors = book.authors
    .map(
      (author) => `<span itemprop='author' itemscope='' itemtype='http://schema.org/Person'>
        <div class='authorName__container'>
          <a class="authorName" itemprop="url" href="${e(authorPath(author))}"><span itemprop="name">${e(author.name)}</span></a>
        </div>
      </span>`,
    )
    .join(",\n      ");
  return classicShell(
    `${book.title} by ${byline(book)}`,
    `<div id="topcol" class="last col">
  <div id="imagecol" class="col">
    <img id="coverImage" alt="${e(book.title)}" src="${coverPath(book)}">
  </div>
  <div id="metacol" class="last col">
    <h1 id="bookTitle" class="gr-h1 gr-h1--serif" itemprop="name">
      ${e(book.title)}
    </h1>
    <div id="bookAuthors" class="">
      <span class='by smallText'>by</span>
      ${authors}
    </div>
    <div id="bookMeta" itemprop="aggregateRating" itemscope="" itemtype="http://schema.org/AggregateRating">
      <span class="stars staticStars notranslate" title="${e(book.rating.toFixed(2))} of 5"></span>
      <span itemprop="ratingValue">
  ${book.rating.toFixed(2)}
</span>
      <span class="greyText">&nbsp;&middot;&nbsp;</span>
      <a class="gr-hyperlink" href="#other_reviews"><meta itemprop="ratingCount" content="${book.ratingCount}" />${count(book.ratingCount)} ratings</a>
      <span class="greyText">&nbsp;&middot;&nbsp;</span>
      <a class="gr-hyperlink" href="#other_reviews"><meta itemprop="reviewCount" content="${book.reviewCount}" />${count(book.reviewCount)} reviews</a>
    </div>
    <div id="descriptionContainer">
      <div id="description" class="readable stacked" style="right:0">
      ${description}
      </div>
    </div>
    <div id="details" class="uitext darkGreyText">
      <div class="row"><span itemprop="bookFormat">${e(book.format)}</span>, <span itemprop="numberOfPages">${book.pages} pages</span></div>
      <div class="row">Published ${e(classicDate(book.published))}</div>
      <div id="bookDataBox">
        <div class="infoBoxRowTitle">ISBN13</div><div class="infoBoxRowItem"><span itemprop="isbn">${e(book.isbn13)}</span></div>
        <div class="infoBoxRowTitle">Edition Language</div><div class="infoBoxRowItem" itemprop="inLanguage">English</div>
      </div>
    </div>
    <div class="elementList">
      ${book.genres.map((genre) => `<div class="left"><a class="actionLinkLite bookPageGenreLink" href="${e(genrePath(genre))}">${e(genre)}</a></div>`).join("\n      ")}
    </div>
  </div>
</div>`,
  );
}

/** A book page in today's layout: data-testid attributes, a JSON-LD Book and a `__NEXT_DATA__` blob. */
export function modernBookPage(book: BookFixture, baseUrl: string): string {
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "Book",
    name: book.title,
    image: `${baseUrl}${coverPath(book)}`,
    bookFormat: book.format,
    numberOfPages: book.pages,
    inLanguage: "English",
    isbn: book.isbn13,
    author: book.authors.map((author) => ({ "@type": "Person", name: author.name, url: `${baseUrl}${authorPath(author)}` })),
    aggregateRating: { "@type": "AggregateRating", ratingValue: book.rating, ratingCount: book.ratingCount, reviewCount: book.reviewCount },
  };
  const nextData = { props: { pageProps: { apolloState: { [`Book:bookshelf://book/${book.id}`]: { legacyId: book.id, title: book.title } } } } };
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${e(book.title)} by ${e(byline(book))} | Bookshelf</title>
  <script type="application/ld+json">${inlineJson(jsonLd)}</script>
  <style>.Formatted { white-space: pre-line } .Button__labelItem { font-weight: 600 }</style>
</head>
<body>
<div id="__next"><main class="PageFrame PageFrame--siteHeaderBanner">
  <div class="BookPage__leftColumn"><img class="ResponsiveImage" alt="${e(book.title)}" src="${coverPath(book)}"></div>
  <div class="BookPage__mainContent">
    <div class="BookPageTitleSection"><h1 class="Text Text__title1" data-testid="bookTitle" aria-label="Book title: ${e(book.title)}">${e(book.title)}</h1></div>
    <div class="BookPageMetadataSection__contributor"><h3 class="Text Text__title3 Text__regular" aria-label="List of contributors">
      <div class="ContributorLinksList">${book.authors
        .map(
          (author) =>
            `<span tabindex="-1"><a class="ContributorLink" href="${e(authorPath(author))}"><span class="ContributorLink__name" data-testid="name">${e(author.name)}</span></a></span>`,
        )
        .join("")}</div>
    </h3></div>
    <div class="BookPageMetadataSection__ratingStats"><a href="#CommunityReviews" class="RatingStatistics">
      <div class="RatingStatistics__rating" aria-label="Average rating of ${book.rating.toFixed(2)} stars">${book.rating.toFixed(2)}</div>
      <div class="RatingStatistics__meta"><span data-testid="ratingsCount">${count(book.ratingCount)}<span>&nbsp;ratings</span></span><span data-testid="reviewsCount">${count(book.reviewCount)}&nbsp;reviews</span></div>
    </a></div>
    <div class="BookPageMetadataSection__description"><div data-testid="description"><div class="TruncatedContent__text TruncatedContent__text--large" tabindex="-1">
      <div class="DetailsLayoutRightParagraph__widthConstrained"><span class="Formatted">${book.description.map(e).join("<br /><br />")}</span></div>
    </div></div></div>
    <div class="BookPageMetadataSection__genres"><ul class="CollapsableList" aria-label="Top genres for this book" data-testid="genresList">${book.genres
      .map((genre) => `<span class="BookPageMetadataSection__genreButton"><a class="Button Button--tag" href="${e(genrePath(genre))}"><span class="Button__labelItem">${e(genre)}</span></a></span>`)
      .join("")}</ul></div>
    <div class="FeaturedDetails">
      <p data-testid="pagesFormat">${book.pages} pages, ${e(book.format)}</p>
      <p data-testid="publicationInfo">First published ${e(modernDate(book.published))}</p>
    </div>
  </div>
</main></div>
<script id="__NEXT_DATA__" type="application/json">${inlineJson(nextData)}</script>
</body>
</html>
`;
}

/**
 * A list page in the layout Goodreads still uses for lists: `tr[itemtype="http://schema.org/Book"]`
 * rows with `a.bookTitle`, `span[itemprop=author]` and `span.minirating`, plus `a.next_page` /
 * `a.previous_page` links when the list spans pages.
 */
export function listPage(list: BookListFixture, entries: readonly BookFixture[], page: number, pageCount: number, firstRank: number): string {
  const rows = entries
    .map(
      (book, i) => `<tr itemscope itemtype="http://schema.org/Book">
  <td valign="top" class="number">${firstRank + i}</td>
  <td width="5%" valign="top"><a title="${e(book.title)}" href="${e(bookPath(book))}"><img alt="${e(book.title)}" class="bookCover" itemprop="image" src="${coverPath(book)}"></a></td>
  <td width="100%" valign="top">
    <a title="${e(book.title)}" class="bookTitle" itemprop="url" href="${e(bookPath(book))}"><span itemprop="name" role="heading" aria-level="4">${e(book.title)}</span></a><br>
    <span class="by">by</span>
    ${book.authors
      .map((a) => `<span itemprop="author" itemscope="" itemtype="http://schema.org/Person"><a class="authorName" itemprop="url" href="${e(authorPath(a))}"><span itemprop="name">${e(a.name)}</span></a></span>`)
      .join(", ")}<br>
    <span class="greyText smallText uitext"><span class="minirating">${book.rating.toFixed(2)} avg rating &mdash; ${count(book.ratingCount)} ratings</span></span>
  </td>
</tr>`,
    )
    .join("\n");
  const here = listPath(list);
  const previous = page > 1 ? `<a class="previous_page" rel="prev" href="${e(`${here}?page=${page - 1}`)}">&laquo; previous</a>` : "";
  const next = page < pageCount ? `<a class="next_page" rel="next" href="${e(`${here}?page=${page + 1}`)}">next &raquo;</a>` : "";
  return classicShell(
    list.title,
    `<h1 class="gr-h1 gr-h1--serif">${e(list.title)}</h1>
<table class="tableList js-dataTooltip">
${rows}
</table>
<div class="pagination">${previous} <em class="current">${page}</em> ${next}</div>`,
  );
}

/** The malformed page: unclosed and mis-nested tags, an empty rating, no author name, no description, cut off mid-tag. */
export function malformedBookPage(title: string): string {
  return `<!DOCTYPE html>
<html><head><title>${e(title)}</title>
<body>
<div id="metacol" class="last col">
<h1 id="bookTitle" class="gr-h1" itemprop="name">${e(title)}
<div id="bookAuthors"><span class='by'>by</span>
<span itemprop='author'><a class="authorName" href="/author/show/0"></a>
<div id="bookMeta"><span itemprop="ratingValue"></span>
<p>This page was cut off while it was being written <b>and <i>never</b> closed</i>
</td></tr></table></span>
<div class="footer`;
}

/** The site's 404 page. */
export function notFoundPage(path: string): string {
  return classicShell("Page not found", `<h1>Page not found</h1>\n<p>Nothing on this shelf lives at <code>${e(path)}</code>.</p>`);
}

/** What `/private/…` serves: the fake answers it anyway, so tests can see whether a crawler obeyed robots.txt. */
export function privatePage(path: string): string {
  return classicShell("Staff only", `<h1>Staff only</h1>\n<p>${e(path)} is disallowed in robots.txt; polite crawlers never get here.</p>`);
}

/** robots.txt: everyone keeps out of /private/ and /search; one named bot is banned outright. */
export const ROBOTS_TXT = `# Bookshelf, a local fake book site for tests.
User-agent: *
Disallow: /private/
Disallow: /search
Crawl-delay: 1

User-agent: GreedyBot
Disallow: /
`;

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function dateParts(iso: string): [string, number, number] {
  const [year = "", month = "1", day = "1"] = iso.split("-");
  return [year, Number(month), Number(day)];
}

/** "March 5, 2019", as the modern page writes it. */
function modernDate(iso: string): string {
  const [year, month, day] = dateParts(iso);
  return `${MONTHS[month - 1]} ${day}, ${year}`;
}

/** "March 5th 2019", as the classic page wrote it. */
function classicDate(iso: string): string {
  const [year, month, day] = dateParts(iso);
  const suffix = day % 10 === 1 && day !== 11 ? "st" : day % 10 === 2 && day !== 12 ? "nd" : day % 10 === 3 && day !== 13 ? "rd" : "th";
  return `${MONTHS[month - 1]} ${day}${suffix} ${year}`;
}
