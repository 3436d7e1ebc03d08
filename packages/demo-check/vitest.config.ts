import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    // The demo starts a private redis-server, the quickstart and every app (fakes, worker, next start).
    hookTimeout: 120_000,
  },
});
