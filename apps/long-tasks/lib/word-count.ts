/**
 * Counting words the way the realpython word counter did, without NLTK: take the page's visible text
 * (markup, scripts, styles and comments stripped), split it on white space, keep the tokens that
 * contain a letter, then rank the words that are not stop words.
 *
 * The rule "a token is a word when it contains a letter" is the one the fixture pages server's counts
 * follow (packages/testing), so demo counts can be checked exactly.
 */
import * as cheerio from "cheerio";
import { STOP_WORDS } from "./stop-words";

/** One word and how often it occurs. */
export interface WordFrequency {
  word: string;
  count: number;
}

/** What the counter finds in one page. */
export interface WordCount {
  /** Every word (a white-space separated token with a letter in it). */
  totalWords: number;
  /** Different words, compared in lower case without surrounding punctuation. */
  distinctWords: number;
  /** The most frequent words that are not stop words, most frequent first, ties alphabetical. */
  topWords: WordFrequency[];
}

/** How many words `topWords` lists. */
export const TOP_WORDS = 10;

// Elements whose text is never shown, and elements that end a line of text when rendered.
const INVISIBLE = "script, style, noscript, template, svg, head";
const BLOCKS = "address, article, aside, blockquote, dd, div, dl, dt, fieldset, figcaption, figure, footer, form, h1, h2, h3, h4, h5, h6, header, hr, li, main, nav, ol, p, pre, section, table, td, th, tr, ul";

/** The text a reader sees in an HTML page's body (not its `<title>`), blocks separated by white space. */
export function visibleText(html: string): string {
  const $ = cheerio.load(html);
  $(INVISIBLE).remove();
  // `<li>one</li><li>two</li>` must give "one two", not "onetwo": end every block with a space.
  $(BLOCKS).append(" ");
  $("br").replaceWith(" ");
  return $("body").text();
}

/** Counts the words of a page, given its media type (`text/plain` is counted as is). */
export function countPageWords(body: string, mediaType: string): WordCount {
  return countWords(mediaType === "text/plain" ? body : visibleText(body));
}

/** Counts the words of plain text. */
export function countWords(text: string, top: number = TOP_WORDS): WordCount {
  const words = text.split(/\s+/).filter((token) => /\p{L}/u.test(token));
  const frequencies = new Map<string, number>();
  for (const token of words) {
    const word = normalise(token);
    frequencies.set(word, (frequencies.get(word) ?? 0) + 1);
  }
  const topWords = [...frequencies]
    .filter(([word]) => !STOP_WORDS.has(word))
    .sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b))
    .slice(0, top)
    .map(([word, count]) => ({ word, count }));
  return { totalWords: words.length, distinctWords: frequencies.size, topWords };
}

/** `"Bread."` → `bread`, `Isn’t` → `isn't`: lower case, straight apostrophes, no surrounding punctuation. */
function normalise(token: string): string {
  return token
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}
