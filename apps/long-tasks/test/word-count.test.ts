import { describe, expect, it } from "vitest";
import { countPageWords, countWords, visibleText } from "../lib/word-count";
import { useServers } from "./helpers";

const ctx = useServers();

describe("counting the words of a page", () => {
  it("finds exactly each fixture page's known word count, whatever scripts, styles and comments surround it", async () => {
    const pages = ctx.pages.pages().filter((page) => page.path !== "/slow.html");
    expect(pages.length).toBeGreaterThan(3);
    for (const page of pages) {
      const html = await (await fetch(page.url)).text();
      expect(countPageWords(html, "text/html").totalWords, page.path).toBe(page.wordCount);
    }
  });

  it("leaves out script, style, noscript and template text, comments, attributes and the title", () => {
    const html = `<html><head><title>Title words</title><style>p { color: red }</style></head><body>
      <!-- a comment --><script>var hidden = "script words";</script><noscript>enable scripts</noscript>
      <template><p>template words</p></template><img alt="alt words"><p>Two words</p></body></html>`;
    expect(visibleText(html).trim()).toBe("Two words");
    expect(countPageWords(html, "text/html").totalWords).toBe(2);
  });

  it("keeps the words of neighbouring blocks apart, and inline markup inside a word together", () => {
    const html = "<body><ul><li>one</li><li>two</li></ul><p>three<br>four</p><p>un<em>believ</em>able</p></body>";
    expect(countPageWords(html, "text/html").totalWords).toBe(5);
  });

  it("counts a plain-text page as it is", () => {
    expect(countPageWords("<p>is not markup here</p>", "text/plain").totalWords).toBe(4);
  });
});

describe("the top words", () => {
  it("rank non-stop words by count, ties in alphabetical order, ten at most", () => {
    const text = "the cat and the dog and the bird; cat cat dog dog bird a b c d e f g h i j k";
    const { topWords } = countWords(text);
    expect(topWords.slice(0, 3)).toEqual([
      { word: "cat", count: 3 },
      { word: "dog", count: 3 },
      { word: "bird", count: 2 },
    ]);
    expect(topWords).toHaveLength(10);
    expect(topWords.map((w) => w.word)).not.toContain("the");
    expect(topWords.map((w) => w.word)).not.toContain("and");
  });

  it("compare words in lower case without surrounding punctuation, with curly apostrophes made straight", () => {
    const { topWords, totalWords, distinctWords } = countWords('Bread. bread, "BREAD" Keeper’s keeper\'s — 42');
    expect(totalWords).toBe(5); // "—" and "42" hold no letter: not words
    expect(distinctWords).toBe(2);
    expect(topWords).toEqual([
      { word: "bread", count: 3 },
      { word: "keeper's", count: 2 },
    ]);
  });

  it("skip stop words even when they are the most frequent", () => {
    const { topWords } = countWords("it is what it is and it was what it was lighthouse");
    expect(topWords).toEqual([{ word: "lighthouse", count: 1 }]);
  });
});
