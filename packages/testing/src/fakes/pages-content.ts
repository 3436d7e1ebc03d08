/**
 * The prose of the fixture pages server: short articles written for this project, stored as
 * blocks of plain text so their word counts are known without parsing any HTML.
 *
 * Inline markup uses two tiny conventions, turned into HTML by `pages.ts` and dropped from the
 * plain text: `*words*` → `<em>words</em>` and `[words](/path)` → a link. Markup only ever wraps
 * whole words, so it never joins or splits a word. Some blocks carry `&`, `—`, quotes and `’`
 * on purpose: they must be escaped in the HTML and are not words (no letters) in the count.
 */

/** One block of an article: a heading, paragraph or quote with its text, or a list with its items. */
export type Block = readonly ["h1" | "h2" | "p" | "blockquote", string] | readonly ["ul" | "ol", readonly string[]];

export interface Article {
  readonly path: string;
  /** The `<title>`; not part of the counted text (it is not shown in the page body). */
  readonly title: string;
  readonly blocks: readonly Block[];
}

export const ARTICLES: readonly Article[] = [
  {
    path: "/articles/tide-pools.html",
    title: "A Morning at the Tide Pools",
    blocks: [
      ["h1", "A Morning at the Tide Pools"],
      [
        "p",
        "The tide goes out slowly on the north side of the bay, and by seven in the morning the rocks are bare enough to walk on. I bring a notebook, a pair of boots with good soles, and a thermos of tea that is always too hot at first and too cold by the end.",
      ],
      [
        "p",
        "The pools are small worlds with hard edges. Each one keeps a little of the sea behind when the water leaves, and each one fills with its own population: anemones folded shut like fists, snails grazing in slow lines, a crab that backs into a crack the moment my shadow crosses it.",
      ],
      ["h2", "What lives in a pool"],
      [
        "p",
        "The first thing to learn is *patience*. If you stand still for a minute, the pool forgets you are there. Shrimp come out of the weed. A small fish, the colour of the gravel, darts from one stone to the next. The anemones open again and wave their arms in a current you cannot feel.",
      ],
      [
        "ul",
        [
          "Anemones, which close when the water leaves and open when it returns.",
          "Periwinkles and limpets, which graze the algae off the rocks.",
          "Shore crabs, which are braver at dusk than at dawn.",
          "Sea slugs, which are easy to miss and worth the search.",
        ],
      ],
      ["h2", "Leaving them as you found them"],
      [
        "p",
        "It is tempting to lift a stone to see what hides beneath it. If you do, put it back the same way up, because the animals on its underside cannot live on its top. Never carry a creature from one pool to another; the pools look alike, but they are not.",
      ],
      [
        "p",
        "By ten the tide turns. The first wave slides over the outer rocks, and the pools start to join, one by one, until they are the sea again. I walk back up the beach with wet boots and a page of notes that will make sense to nobody but me. Next time I will check [the keeper's logbook](/articles/lighthouse-keeper.html) for the weather first.",
      ],
    ],
  },
  {
    path: "/articles/lighthouse-keeper.html",
    title: "Notes from a Lighthouse Keeper's Logbook",
    blocks: [
      ["h1", "Notes from a Lighthouse Keeper's Logbook"],
      [
        "p",
        "The logbook has a green cloth cover and a cracked spine, and the first entry is dated in a hand so careful that it looks printed. For forty years the keepers of the light on Gannet Point wrote down the weather, the ships they saw, and the things that went wrong.",
      ],
      [
        "p",
        "Most entries are short. Wind from the west, moderate. Visibility good. Lamp lit at sunset, extinguished at dawn. Two fishing boats returned before dark. The repetition is the point: a keeper who writes the same line every night notices at once the night the line is different.",
      ],
      ["h2", "The long winter"],
      [
        "p",
        "In one winter the entries grow longer. The supply boat cannot land for three weeks. The keeper records the coal he has left, counted by the bucket, and the tins of food, counted by the day. He writes that the foghorn has frozen and that he has kept it working with a kettle of hot water every hour through the night.",
      ],
      ["blockquote", "Lamp lit. Horn kept. Nothing seen but the sea, and the sea saw nothing of me."],
      ["p", 'The supply boat arrives in the fourth week. The entry for that day is one word long, and the word is "Bread."'],
      ["h2", "What the book teaches"],
      [
        "p",
        "Reading it now, I am struck by how much of the work was simply *keeping records*. A light is only useful if it is reliable, and reliability is a habit written down. Every entry is a small promise that the next night will be logged as well.",
      ],
      [
        "p",
        'The last entry was made the evening before the light became automatic. It says what every other entry says: the wind, the visibility, the time the lamp was lit. Then, below it, in the same careful hand: "Handed over. All in order."',
      ],
    ],
  },
  {
    path: "/articles/sourdough.html",
    title: "Keeping a Sourdough Starter Alive",
    blocks: [
      ["h1", "Keeping a Sourdough Starter Alive"],
      [
        "p",
        "A starter is flour & water that has been left alone long enough to become interesting. Wild yeasts and bacteria move in, eat the flour, and make the gas and acid that give the bread its rise and its tang.",
      ],
      ["h2", "Feeding"],
      [
        "ol",
        [
          "Discard all but a spoonful of the old starter.",
          "Add equal weights of flour and water, about fifty grams of each.",
          "Stir well, cover loosely, and leave it somewhere warm.",
          "Repeat every day, or every week if you keep it in the fridge.",
        ],
      ],
      [
        "p",
        "A healthy starter doubles within six hours of a feed and smells pleasantly sour, like yogurt or green apples. If it smells of nail polish, it is hungry; feed it more often. If a grey liquid collects on top, pour it off and carry on — the starter isn’t dead, only thirsty for flour.",
      ],
      [
        "p",
        "Most starters that die are not killed by neglect but by worry. A week in the fridge without a feed does little harm, and a sharp smell or a flat day is not a crisis. Give it two good feeds at room temperature and it will usually come back, livelier than before.",
      ],
      ["h2", "Baking day"],
      [
        "p",
        'Use the starter when it is at its peak, domed and bubbly, just before it starts to fall. A spoonful dropped into water should float. Mix it with flour, water & salt, give the dough a few folds over the morning, and let time do the rest. The "rest" is most of the recipe.',
      ],
    ],
  },
  {
    path: "/articles/short.html",
    title: "Short",
    blocks: [["p", "These eleven words are the whole body of this small page."]],
  },
];

/** The page served slowly: short, so a test that waits for it still reads a known count. */
export const SLOW_ARTICLE: Article = {
  path: "/slow.html",
  title: "Worth the Wait",
  blocks: [
    ["h1", "Worth the Wait"],
    ["p", "This page takes its time on purpose, so that a fetch with a short timeout gives up before it arrives."],
  ],
};

/** Words the huge page cycles through (it repeats them until it has `hugePageWords`). */
export const HUGE_PAGE_WORDS = ["tide", "stone", "lantern", "river", "salt", "bread", "harbour", "window", "ledger", "winter", "signal", "orchard"];

/** A block's text as a reader sees it: inline markup removed. */
export function plainText(text: string): string {
  return text.replace(/\[([^\]]+)\]\([^)]*\)/g, "$1").replace(/\*([^*]+)\*/g, "$1");
}

/** The visible text of an article's body: one line per heading, paragraph, quote or list item. */
export function articleText(article: Article): string {
  return article.blocks.flatMap(([, content]) => (typeof content === "string" ? [content] : content)).map(plainText).join("\n");
}

/**
 * The rule every fixture count follows: split on whitespace, keep the tokens that contain a letter
 * (so `&`, `—` and numbers alone are not words; `isn’t` and `"Bread."` are one word each).
 */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((token) => /\p{L}/u.test(token)).length;
}
