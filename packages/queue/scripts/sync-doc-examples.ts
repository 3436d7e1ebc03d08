/**
 * Copies each example file into the docs pages that show it: every ```ts block whose first line is
 * `// examples/NAME.ts` is replaced by that file's current text. test/examples.test.ts fails when a
 * page and its example differ, and points here.
 *
 *   npm run docs:sync -w @rqts/queue
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
for (const page of readdirSync(`${root}/docs`).filter((name) => name.endsWith(".md"))) {
  const path = `${root}/docs/${page}`;
  const text = readFileSync(path, "utf8");
  const synced = text.replace(/```ts\n(\/\/ (examples\/[\w.-]+\.ts)[\s\S]*?)```/g, (_, _body: string, file: string) => {
    return "```ts\n" + readFileSync(`${root}/${file}`, "utf8") + "```";
  });
  if (synced !== text) {
    writeFileSync(path, synced);
    console.log(`updated docs/${page}`);
  }
}
