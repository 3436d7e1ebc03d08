import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    // The browser test starts redis, a seeding worker, two `next start` servers and chromium first.
    hookTimeout: 90_000,
    // Each file starts its own redis-server; two files at a time suits a 2-core machine.
    maxWorkers: 2,
  },
});
