/**
 * `npm run pages`: the fixture pages server of @rqts/testing on a free port of 127.0.0.1 — articles of
 * known word counts inside scripts, styles and comments a counter must ignore. Demo mode reads pages
 * only from it: give its address to the worker and the web app as LONG_TASKS_PAGES_URL.
 */
import { startFakePages } from "@rqts/testing";

const pages = await startFakePages();
console.log(`Fixture pages server at ${pages.url}`);
console.log(`  export LONG_TASKS_PAGES_URL=${pages.url}`);
for (const page of pages.pages().filter((p) => p.path.startsWith("/articles/"))) {
  console.log(`  ${page.url} (${page.wordCount} words)`);
}
// npm and tsx relay a Ctrl-C the terminal sent the whole group too: close once, ignore the repeats.
let closing = false;
const stop = () => {
  if (!closing) void pages.close().then(() => process.exit(0));
  closing = true;
};
process.on("SIGINT", stop).on("SIGTERM", stop);
