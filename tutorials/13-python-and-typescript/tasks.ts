// tutorials/13-python-and-typescript/tasks.ts — the TypeScript side of a queue shared with Python.
import { defineTask } from "@rqts/queue";

// Python's keyword arguments (ignore="be") arrive as one final object; a TypeScript producer may pass it too.
export const countWords = defineTask("wordcount.count", (text: string, options: { ignore?: string } = {}) => {
  return text.split(/\s+/).filter((word) => word && word !== options.ignore).length;
});
