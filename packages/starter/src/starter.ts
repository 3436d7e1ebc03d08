/**
 * A starter: one app of this monorepo copied out as a project of its own, as someone cloning an example
 * wants it. Workspace links cannot leave the monorepo, so the libraries it uses (`@rqts/queue`, the
 * apps' `@rqts/app-kit`, and `@rqts/testing` for its tests) are packed into `vendor/` and referenced as
 * `file:` tarballs; the shared TypeScript settings are copied in; a `pretest` builds what the tests need
 * (turbo did it in the monorepo).
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** Apps that can be copied out: every folder of apps/ with a package.json. */
export function starterApps(): string[] {
  return readdirSync(join(repoRoot, "apps"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(repoRoot, "apps", entry.name, "package.json")))
    .map((entry) => entry.name)
    .sort();
}

export class StarterError extends Error {}

type Json = Record<string, unknown>;
const LIBRARIES = ["@rqts/queue", "@rqts/app-kit", "@rqts/testing"] as const;

function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, "utf8")) as Json;
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** The app's files as git sees them (committed or not, minus what .gitignore excludes). */
function appFiles(app: string): string[] {
  const output = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z", `apps/${app}`], { cwd: repoRoot });
  return output.toString().split("\0").filter((path) => path && existsSync(join(repoRoot, path)));
}

/** Builds and packs the libraries into `vendor/`; returns the tarball of each package name. */
function packLibraries(vendor: string): Record<string, string> {
  execFileSync("npx", ["turbo", "run", "build", ...LIBRARIES.map((name) => `--filter=${name}`)], { cwd: repoRoot, stdio: "inherit" });
  mkdirSync(vendor, { recursive: true });
  const tarballs: Record<string, string> = {};
  for (const name of LIBRARIES) {
    const out = execFileSync("npm", ["pack", "--silent", "--pack-destination", vendor, "-w", name], { cwd: repoRoot }).toString();
    const file = out.trim().split("\n").at(-1)!;
    tarballs[name] = `file:vendor/${file}`;
  }
  return tarballs;
}

/** Points dependencies at the packed tarballs and drops the monorepo-only ones. */
function standalonePackage(manifest: Json, app: string, tarballs: Record<string, string>): Json {
  const rewrite = (deps: unknown) => {
    if (!deps || typeof deps !== "object") return deps;
    const result: Record<string, string> = {};
    for (const [name, version] of Object.entries(deps as Record<string, string>)) {
      if (name === "@rqts/tsconfig") continue; // copied in as tsconfig.base.json
      result[name] = tarballs[name] ?? version;
    }
    return result;
  };
  const scripts = { ...(manifest.scripts as Record<string, string> | undefined) };
  // In the monorepo turbo builds the app before its tests (`build`, and any `build:*` variant its tests
  // use, such as the dashboard's build under a URL prefix); alone, npm's pretest does.
  const builds = Object.keys(scripts).filter((name) => name === "build" || name.startsWith("build:"));
  if (builds.length > 0 && !scripts.pretest) scripts.pretest = builds.map((name) => `npm run ${name}`).join(" && ");
  const { workspaces: _workspaces, ...rest } = manifest;
  return {
    ...rest,
    name: app,
    engines: { node: ">=20.12" },
    scripts,
    dependencies: rewrite(manifest.dependencies),
    devDependencies: rewrite(manifest.devDependencies),
  };
}

const README_NOTE = (app: string) => `

## This copy

This project was copied out of the rqts monorepo's \`apps/${app}\` with
\`npm run starter\`. It stands alone: \`@rqts/queue\`, \`@rqts/app-kit\` (the Redis connection,
request guard and server-sent events helpers) and \`@rqts/testing\` (for the tests) come from
\`vendor/\` as packed tarballs; replace them with published versions when you have them.

\`\`\`sh
npm install
npm test          # builds first (pretest), then runs the tests; needs redis-server on PATH
\`\`\`
`;

/** Copies `apps/{app}` to `target` as a standalone project. Returns the files written. */
export function createStarter(app: string, target: string): string[] {
  if (!starterApps().includes(app)) {
    throw new StarterError(`No app named "${app}": choose one of ${starterApps().join(", ")}`);
  }
  const destination = resolve(target);
  if (!relative(repoRoot, destination).startsWith("..")) {
    throw new StarterError(`${destination} is inside the monorepo: give a folder outside ${repoRoot}`);
  }
  if (existsSync(destination) && readdirSync(destination).length > 0) {
    throw new StarterError(`${destination} exists and is not empty: give a new or empty folder`);
  }
  mkdirSync(destination, { recursive: true });
  const written: string[] = [];
  for (const path of appFiles(app)) {
    const inApp = relative(join("apps", app), path);
    cpSync(join(repoRoot, path), join(destination, inApp));
    written.push(inApp);
  }
  const tarballs = packLibraries(join(destination, "vendor"));
  writeJson(join(destination, "package.json"), standalonePackage(readJson(join(repoRoot, "apps", app, "package.json")), app, tarballs));
  // TypeScript settings that extended the monorepo's shared ones get a copy of them
  for (const file of written.filter((name) => /(^|\/)tsconfig[\w.-]*\.json$/.test(name))) {
    const path = join(destination, file);
    const text = readFileSync(path, "utf8");
    if (!text.includes("@rqts/tsconfig/base.json")) continue;
    cpSync(join(repoRoot, "packages", "tsconfig", "base.json"), join(destination, "tsconfig.base.json"));
    writeFileSync(path, text.replace("@rqts/tsconfig/base.json", "./tsconfig.base.json"));
  }
  if (!existsSync(join(destination, ".gitignore"))) writeFileSync(join(destination, ".gitignore"), "node_modules/\n.next/\ndist/\ntest-artifacts/\n*.log\n");
  const readme = join(destination, "README.md");
  writeFileSync(readme, (existsSync(readme) ? readFileSync(readme, "utf8") : `# ${app}\n`) + README_NOTE(app));
  return written;
}
