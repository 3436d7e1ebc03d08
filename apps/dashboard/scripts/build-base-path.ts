/**
 * `npm run build:base-path`: the production build with the URL prefix /admin/rq, made in
 * .next-base-path/ beside the normal build (.next/), for test/base-path.test.ts. Turbo's `test` task
 * runs it first, as it runs `build`.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { APP_DIR, BASE_PATH_BUILD } from "../test/dashboard-server";

const next = createRequire(join(APP_DIR, "package.json")).resolve("next/dist/bin/next");
const build = spawnSync(process.execPath, [next, "build"], {
  cwd: APP_DIR,
  stdio: "inherit",
  env: { ...process.env, DASHBOARD_BASE_PATH: BASE_PATH_BUILD.basePath, DASHBOARD_DIST_DIR: BASE_PATH_BUILD.distDir, NEXT_TELEMETRY_DISABLED: "1" },
});

// `next build` pointed next-env.d.ts at this folder's route types: point it back at .next/, as the
// normal build and `next typegen` write it, so the type check never depends on this build.
const nextEnv = join(APP_DIR, "next-env.d.ts");
try {
  const text = readFileSync(nextEnv, "utf8");
  const restored = text.replaceAll(`"./${BASE_PATH_BUILD.distDir}/`, `"./.next/`);
  if (restored !== text) writeFileSync(nextEnv, restored);
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
}
process.exit(build.status ?? 1);
