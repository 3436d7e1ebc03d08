/**
 * `npm run bookshelf`: the fixture bookshelf of @rqts/testing on a free port of 127.0.0.1 — a site of
 * invented books shaped like Goodreads (classic and modern markup, a slow page, a malformed page, a 404,
 * a robots.txt). Demo mode scrapes only it: give its address to the worker and the web app as
 * GOODREADS_SCRAPER_BOOKSHELF_URL.
 */
import { startFakeBookshelf } from "@rqts/testing";
import { SAMPLE_BOOK_PATHS } from "./lib/demo-samples";

const shelf = await startFakeBookshelf();
console.log(`Fixture bookshelf at ${shelf.url}`);
console.log(`  export GOODREADS_SCRAPER_BOOKSHELF_URL=${shelf.url}`);
for (const { path, shows } of SAMPLE_BOOK_PATHS) console.log(`  ${shelf.url}${path}  (${shows})`);

// npm and tsx relay a Ctrl-C the terminal sent to the whole group: close once, ignore the repeats.
let closing = false;
const stop = () => {
  if (!closing) void shelf.close().then(() => process.exit(0));
  closing = true;
};
process.on("SIGINT", stop).on("SIGTERM", stop);
