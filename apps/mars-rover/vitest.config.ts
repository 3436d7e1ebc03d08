import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    // The browser and CLI tests start processes (worker, `next start`, chromium) before their first test.
    hookTimeout: 90_000,
    // Each file starts its own redis-server and fake NASA; two files at a time suits a 2-core machine.
    maxWorkers: 2,
  },
});
