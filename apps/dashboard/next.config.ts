import type { NextConfig } from "next";
import { parseBasePath } from "./lib/base-path";

// DASHBOARD_BASE_PATH ("/rq", "/admin/rq"…) is fixed at build time: Next.js compiles it into routes
// and links. `env` inlines it for the code that builds plain URLs (lib/base-path.ts).
const basePath = parseBasePath(process.env.DASHBOARD_BASE_PATH);

const nextConfig: NextConfig = {
  basePath,
  env: { DASHBOARD_BASE_PATH: basePath },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
