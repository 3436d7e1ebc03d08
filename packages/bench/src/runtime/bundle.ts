/**
 * Child-process entries as plain JavaScript. A child started with `--import tsx` carries tsx's loader
 * and esbuild (~50 MB of RSS here) and pays ~70 ms more to start, which would be counted against the
 * library it measures. So the bench bundles each child entry once per run with esbuild (npm packages
 * stay external imports, resolved from this package's node_modules) into `.build/run-<pid>/` (one
 * folder per bench process, so that two runs never share files), and children run with plain `node`.
 */
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The child entries, by the name they are run under. */
const ENTRIES = {
  "worker-rss-child": "../scenarios/worker-rss-child.ts",
  "job-process": "../execution-models/job-process.ts",
  "pool-tasks": "../execution-models/pool-tasks.ts",
} as const;

export type ChildEntry = keyof typeof ENTRIES;

const OUT_DIR = fileURLToPath(new URL(`../../.build/run-${process.pid}/`, import.meta.url));

let built: Promise<void> | undefined;

/** The absolute path of a child entry's bundle (built on first use). */
export async function bundled(entry: ChildEntry): Promise<string> {
  built ??= build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, path]) => [name, fileURLToPath(new URL(path, import.meta.url))])),
    outdir: OUT_DIR,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    // a dynamic import of one library's adapter stays a separate chunk, so a child loads only that library
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "error",
  }).then(() => undefined);
  await built;
  return `${OUT_DIR}${entry}.mjs`;
}

/** Removes this process's bundles (the end of a run). */
export function removeBundles(): void {
  built = undefined;
  rmSync(OUT_DIR, { recursive: true, force: true });
}
