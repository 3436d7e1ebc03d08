/**
 * The fake bookshelf's catalogue: twelve invented books by invented authors, written for this
 * project (no text comes from Goodreads or any real book).
 *
 * Each book fixes which markup its page uses, so a scraper meets both on one site:
 * "classic" (the 2018 page the timber.io tutorial parsed) and "modern" (today's data-testid
 * page with JSON-LD). Some titles and descriptions carry `&`, quotes, `<` and non-ASCII letters
 * on purpose: a scraper must get them back exactly, and the fake must escape them.
 */

/** Which page layout a book is served with. */
export type BookMarkup = "classic" | "modern";

export interface BookAuthor {
  readonly id: number;
  readonly name: string;
}

export interface BookFixture {
  readonly id: number;
  /** The URL slug after the id: `/book/show/<id>-<slug>`. */
  readonly slug: string;
  readonly title: string;
  readonly authors: readonly BookAuthor[];
  /** Average rating, 0..5, two decimals. */
  readonly rating: number;
  readonly ratingCount: number;
  readonly reviewCount: number;
  /** Paragraphs of the full description. */
  readonly description: readonly string[];
  readonly pages: number;
  readonly format: "Paperback" | "Hardcover" | "Kindle Edition";
  readonly isbn13: string;
  /** First publication, `YYYY-MM-DD`. */
  readonly published: string;
  readonly genres: readonly string[];
  readonly markup: BookMarkup;
  /** Served only after the fake's `slowPageDelayMs`. */
  readonly slow?: true;
}

/** The id of the deliberately broken page (unclosed tags, no author, rating or description). */
export const MALFORMED_BOOK_ID = 9001;

const author = (id: number, name: string): BookAuthor => ({ id, name });

/** A 13-digit ISBN in the 979-8 range with a correct check digit, derived from the book id. */
function isbn(id: number): string {
  const digits = `9798${String(id).padStart(8, "0")}`;
  const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return digits + String((10 - (sum % 10)) % 10);
}

type BookInput = Omit<BookFixture, "isbn13">;

const BOOKS: readonly BookInput[] = [
  {
    id: 1101,
    slug: "the-cartographer-of-low-tide",
    title: "The Cartographer of Low Tide",
    authors: [author(501, "Ines Marlow")],
    rating: 4.21,
    ratingCount: 18_432,
    reviewCount: 2_107,
    description: [
      "Every spring the sea pulls back from the drowned town of Ebbwick for exactly one hour, and every spring Maren Tolley walks its streets with a pencil and a stopwatch.",
      "She has mapped forty-one alleys, two chapels and a bakery that should not still smell of bread. This year the tide goes out further than it ever has, and the map begins to draw itself.",
    ],
    pages: 352,
    format: "Paperback",
    published: "2019-03-05",
    genres: ["Fantasy", "Literary Fiction", "Magical Realism"],
    markup: "classic",
  },
  {
    id: 1102,
    slug: "seven-bells-for-the-salt-road",
    title: "Seven Bells for the Salt Road",
    authors: [author(502, "Tomasz Wren")],
    rating: 3.87,
    ratingCount: 6_204,
    reviewCount: 731,
    description: [
      "A caravan of salt traders crosses a desert where sound travels farther than light. Their guide is blind, their cook is a deserter, and the seventh bell on the lead camel has started ringing on its own.",
    ],
    pages: 418,
    format: "Hardcover",
    published: "2021-09-14",
    genres: ["Adventure", "Historical Fantasy"],
    markup: "modern",
  },
  {
    id: 1103,
    slug: "bread-circuits",
    title: 'Bread & Circuits: "Recipes" for <Small> Robots',
    authors: [author(503, "Priya Okonkwo-Hale")],
    rating: 4.05,
    ratingCount: 2_318,
    reviewCount: 402,
    description: [
      "Part cookbook, part repair manual: twelve short stories about kitchen robots that learn to bake, told through the recipes they leave behind.",
      'One oven insists that 3 < 4 "in spirit"; a toaster files a complaint about the word "crumb"; a bread machine falls in love with a sourdough starter named Gus.',
    ],
    pages: 224,
    format: "Paperback",
    published: "2020-06-02",
    genres: ["Science Fiction", "Short Stories", "Humor"],
    markup: "classic",
  },
  {
    id: 1104,
    slug: "the-lantern-atlas",
    title: "The Lantern Atlas",
    authors: [author(504, "Jun Sato"), author(505, "Elise Brandt")],
    rating: 4.44,
    ratingCount: 31_090,
    reviewCount: 3_876,
    description: [
      "Two lighthouse keepers on opposite sides of a northern strait exchange letters by signal lamp for thirty winters without ever meeting.",
      "Their correspondence, reconstructed here from logbooks and margin notes, becomes an atlas of a coastline that exists only in the dark.",
    ],
    pages: 296,
    format: "Hardcover",
    published: "2017-11-21",
    genres: ["Historical Fiction", "Epistolary", "Romance"],
    markup: "modern",
  },
  {
    id: 1105,
    slug: "winter-inventory",
    title: "Winter Inventory",
    authors: [author(506, "Cormac Delane")],
    rating: 3.62,
    ratingCount: 904,
    reviewCount: 88,
    // Short enough that the classic page shows it whole, with no hidden full-text span.
    description: ["A hardware store, a blizzard, and a clerk who counts everything twice."],
    pages: 180,
    format: "Paperback",
    published: "2022-01-11",
    genres: ["Contemporary", "Novella"],
    markup: "classic",
  },
  {
    id: 1106,
    slug: "ledger-of-small-hours",
    title: "Ledger of Small Hours",
    authors: [author(507, "Nadia Ferreira")],
    rating: 4.12,
    ratingCount: 12_775,
    reviewCount: 1_450,
    description: [
      "An insomniac bookkeeper discovers that the hours between two and four in the morning can be borrowed, spent and, with interest, repaid.",
      "When the bank of night calls in her debt, she has until dawn to balance the accounts of everyone she has ever kept awake.",
    ],
    pages: 336,
    format: "Kindle Edition",
    published: "2023-04-18",
    genres: ["Fantasy", "Mystery"],
    markup: "modern",
  },
  {
    id: 1107,
    slug: "the-beekeepers-arithmetic",
    title: "The Beekeeper’s Arithmetic",
    authors: [author(508, "Halvard Mørk")],
    rating: 4.33,
    ratingCount: 7_561,
    reviewCount: 912,
    description: [
      "On a Norwegian hillside, a retired schoolteacher keeps bees and teaches their hives to count. Or so the village believes.",
      "When a mathematician from Bergen arrives to debunk him, she finds hexagons in the snow, sums chalked on the barn door, and a queen that will not die.",
    ],
    pages: 272,
    format: "Paperback",
    published: "2018-07-30",
    genres: ["Literary Fiction", "Nature"],
    markup: "classic",
  },
  {
    id: 1108,
    slug: "night-ferry-to-quillon",
    title: "Night Ferry to Quillon",
    authors: [author(509, "Adaeze Nwosu")],
    rating: 3.95,
    ratingCount: 4_420,
    reviewCount: 515,
    description: [
      "Nine passengers board the last ferry to an island that is not on any chart. By morning there are ten, and nobody will admit to being the stowaway.",
    ],
    pages: 312,
    format: "Paperback",
    published: "2020-10-27",
    genres: ["Mystery", "Thriller"],
    markup: "modern",
  },
  {
    id: 1109,
    slug: "everything-the-river-kept",
    title: "Everything the River Kept",
    authors: [author(510, "Sofia Lindqvist")],
    rating: 4.58,
    ratingCount: 22_014,
    reviewCount: 2_980,
    description: [
      "After the dam is opened, the riverbed gives back what a valley lost fifty years ago: a church bell, a bicycle, a wedding ring, a box of letters addressed to someone still alive.",
      "Three generations of one family decide what to return, what to keep, and what to let the water take again.",
    ],
    pages: 384,
    format: "Hardcover",
    published: "2016-05-10",
    genres: ["Literary Fiction", "Family Saga"],
    markup: "classic",
  },
  {
    id: 1110,
    slug: "glass-harbour",
    title: "Glass Harbour",
    authors: [author(511, "Rafael Quintero")],
    rating: 3.41,
    ratingCount: 1_876,
    reviewCount: 243,
    description: [
      "In a port city where every window is a mirror, a glazier is hired to install the first pane of clear glass in three hundred years — and to look through it first.",
    ],
    pages: 260,
    format: "Kindle Edition",
    published: "2024-02-06",
    genres: ["Fantasy", "Dystopia"],
    markup: "modern",
  },
  {
    id: 1111,
    slug: "the-understudys-almanac",
    title: "The Understudy's Almanac",
    authors: [author(512, "Beatrix Fenn")],
    rating: 4.02,
    ratingCount: 3_305,
    reviewCount: 377,
    description: [
      "A year in the life of a provincial theatre company, told month by month by the understudy who knows every part and has played none of them.",
      "Weather reports, rehearsal notes and the occasional murder, in roughly that order of importance.",
    ],
    pages: 288,
    format: "Paperback",
    published: "2019-09-17",
    genres: ["Humor", "Mystery", "Theatre"],
    markup: "classic",
    slow: true,
  },
  {
    id: 1112,
    slug: "tin-stars-over-calloway",
    title: "Tin Stars Over Calloway",
    authors: [author(513, "Walt Okafor")],
    rating: 3.78,
    ratingCount: 2_947,
    reviewCount: 310,
    description: [
      "The new sheriff of Calloway is a decommissioned survey robot with a borrowed badge and no idea what a horse is for.",
      "The town is willing to give it a week.",
    ],
    pages: 240,
    format: "Paperback",
    published: "2021-05-25",
    genres: ["Western", "Science Fiction"],
    markup: "modern",
  },
];

/** Every book of the catalogue, in id order. */
export const BOOKSHELF_BOOKS: readonly BookFixture[] = BOOKS.map((book) => ({ ...book, isbn13: isbn(book.id) }));

/**
 * The malformed page as lists show it: a title and nothing else worth having. Its own page is
 * broken HTML (see `malformedBookPage`), so it is not part of `BOOKSHELF_BOOKS`.
 */
export const MALFORMED_BOOK: BookFixture = {
  id: MALFORMED_BOOK_ID,
  slug: "the-unfinished-page",
  title: "The Unfinished Page",
  authors: [author(0, "Unknown")],
  rating: 0,
  ratingCount: 0,
  reviewCount: 0,
  description: [],
  pages: 0,
  format: "Paperback",
  isbn13: "",
  published: "2000-01-01",
  genres: [],
  markup: "classic",
};

/** A book list page: an id and slug for `/list/show/<id>-<slug>`, a title and the ids it shows, in order. */
export interface BookListFixture {
  readonly id: number;
  readonly slug: string;
  readonly title: string;
  readonly bookIds: readonly number[];
}

export const BOOK_LISTS: readonly BookListFixture[] = [
  { id: 1, slug: "staff-picks-maps-tides-and-rivers", title: "Staff Picks: Maps, Tides & Rivers", bookIds: [1101, 1104, 1109, 1108, 1110] },
  // Every book plus the malformed page, long enough to need a second page.
  {
    id: 2,
    slug: "everything-on-the-shelf",
    title: "Everything on the Shelf",
    bookIds: [...BOOKS.map((book) => book.id), MALFORMED_BOOK_ID],
  },
];
