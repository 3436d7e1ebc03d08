/**
 * Every library's adapter, loaded on demand: a child process that measures one library's worker must
 * not load the other two (their code would count in its memory).
 */
import { createRequire } from "node:module";
import type { AdapterFactory, LibraryName } from "./adapter.js";

export async function loadAdapter(library: LibraryName): Promise<AdapterFactory> {
  switch (library) {
    case "rqts":
      return (await import("./rqts.js")).rqtsAdapter;
    case "BullMQ":
      return (await import("./bullmq.js")).bullmqAdapter;
    case "bee-queue":
      return (await import("./bee-queue.js")).beeQueueAdapter;
  }
}

const require = createRequire(import.meta.url);

/** The version in an installed package's package.json (read as a file: not every package exports it). */
function installedVersion(pkg: string): string {
  const entry = require.resolve(pkg);
  const root = entry.slice(0, entry.lastIndexOf(`/node_modules/${pkg}/`) + `/node_modules/${pkg}/`.length);
  return (require(`${root}package.json`) as { version: string }).version;
}

/** The versions actually installed, for the results file. */
export async function libraryVersions(): Promise<Record<LibraryName, string>> {
  const { VERSION } = await import("@rqts/queue");
  return { rqts: VERSION, BullMQ: installedVersion("bullmq"), "bee-queue": installedVersion("bee-queue") };
}
