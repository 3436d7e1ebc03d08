/**
 * Book pages of the fixture bookshelf (packages/testing's fake, our own invented books) that the page
 * offers to fill in, in demo mode: both markups, the slow page, the malformed page and a missing one,
 * so one click shows every outcome. A test checks that each still exists on the fixture site.
 */

/** Paths on the fixture bookshelf, and what each shows. */
export const SAMPLE_BOOK_PATHS: ReadonlyArray<{ path: string; shows: string }> = [
  { path: "/book/show/1101-the-cartographer-of-low-tide", shows: "classic markup" },
  { path: "/book/show/1102-seven-bells-for-the-salt-road", shows: "JSON-LD and data-testid markup" },
  { path: "/book/show/1103-bread-circuits", shows: "a title with &, quotes and <Small> in it" },
  { path: "/book/show/1104-the-lantern-atlas", shows: "two authors" },
  { path: "/book/show/1111-the-understudys-almanac", shows: "a slow page" },
  { path: "/book/show/9001-the-unfinished-page", shows: "a malformed page (fails: no author)" },
  { path: "/book/show/4040-a-book-nobody-wrote", shows: "a missing page (fails: HTTP 404)" },
];
