/**
 * A fresh copy of the repository, as a learner has it after `git clone` and `npm ci`:
 *
 * - the files git knows about — committed or not, minus what .gitignore excludes (so no dist/, .next/
 *   or caches: every build a tutorial needs, it runs itself);
 * - node_modules as `npm ci` would leave them, taken from this checkout (CI ran `npm ci` once for the
 *   repository) as hard links: a copy of 500 MB in about a second, on the same file system. Workspace
 *   links inside (node_modules/@rqts/*) are relative, so they point into the copy.
 *
 * The copy lives in a temporary folder (TMPDIR, or RQTS_TUTORIAL_TMPDIR when the system one is on
 * another file system than the repository) and is removed afterwards.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface FreshCopy {
  /** The copy's repository root. */
  readonly root: string;
  /** Deletes the copy. */
  remove(): void;
}

/** Copies `repoRoot` into a new temporary folder named after `label`. */
export function createFreshCopy(repoRoot: string, label: string): FreshCopy {
  const files = gitFiles(repoRoot);
  const root = mkdtempSync(join(process.env.RQTS_TUTORIAL_TMPDIR ?? tmpdir(), `rqts-tutorial-${label}-`));
  try {
    for (const file of files) copyEntry(join(repoRoot, file), join(root, file));
    for (const folder of nodeModulesFolders(repoRoot)) {
      mkdirSync(dirname(join(root, folder)), { recursive: true });
      hardLinkTree(join(repoRoot, folder), join(root, folder));
    }
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Tracked and untracked-but-not-ignored files, as a clone of this working tree would hold. */
function gitFiles(repoRoot: string): string[] {
  let listing: string;
  try {
    listing = execFileSync("git", ["-C", repoRoot, "ls-files", "-z", "--cached", "--others", "--exclude-standard"], { encoding: "utf8", maxBuffer: 64 << 20 });
  } catch (error) {
    throw new Error(`the tutorial runner copies the files git knows about, and git could not list them in ${repoRoot}: ${(error as Error).message}`);
  }
  // A file deleted but not yet committed is listed by --cached: a clone after the commit will not have it.
  return listing.split("\0").filter((file) => file && existsSync(join(repoRoot, file)));
}

function copyEntry(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  if (lstatSync(from).isSymbolicLink()) symlinkSync(readlinkSync(from), to);
  else copyFileSync(from, to);
}

/** The installed node_modules folders: the root's and any workspace's own. */
function nodeModulesFolders(repoRoot: string): string[] {
  if (!existsSync(join(repoRoot, "node_modules"))) {
    throw new Error(`${repoRoot} has no node_modules: run \`npm ci\` in the repository first`);
  }
  const workspaceFolders = execFileSync("git", ["-C", repoRoot, "ls-files", "--cached", "--others", "--exclude-standard", "*package.json"], { encoding: "utf8" })
    .split("\n")
    .filter((file) => file.endsWith("/package.json"))
    .map((file) => join(dirname(file), "node_modules"))
    .filter((folder) => existsSync(join(repoRoot, folder)));
  return ["node_modules", ...workspaceFolders];
}

function hardLinkTree(from: string, to: string): void {
  try {
    // cp -al: directories made, files hard-linked, symbolic links copied as they are (relative ones keep pointing into the copy).
    execFileSync("cp", ["-al", from, to], { stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    const reason = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
    throw new Error(
      `could not hard-link ${from} into the tutorial's copy (${reason}). The copy must be on the repository's file system: ` +
        `set RQTS_TUTORIAL_TMPDIR to a folder there`,
    );
  }
}
