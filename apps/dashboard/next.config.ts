import type { NextConfig } from "next";
import { parseBasePath } from "./lib/base-path";

// DASHBOARD_BASE_PATH ("/rq", "/admin/rq"…) is fixed at build time: Next.js compiles it into routes
// and links. `env` inlines it for the code that builds plain URLs (lib/base-path.ts).
const basePath = parseBasePath(process.env.DASHBOARD_BASE_PATH);

// For the tests only: `npm run build:base-path` builds with a prefix into .next-base-path/, beside the
// normal build in .next/ (test/base-path.test.ts starts it with the same variable). That build skips
// the type check (the normal build and `typecheck` do it) and reads a tsconfig that extends the real
// one, so that Next.js does not add the other folder's types to tsconfig.json.
const distDir = process.env.DASHBOARD_DIST_DIR || undefined;

const nextConfig: NextConfig = {
  basePath,
  env: { DASHBOARD_BASE_PATH: basePath },
  poweredByHeader: false,
  reactStrictMode: true,
  ...(distDir ? { distDir, typescript: { ignoreBuildErrors: true, tsconfigPath: "test/base-path.tsconfig.json" } } : {}),
};

export default nextConfig;
