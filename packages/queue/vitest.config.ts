import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Each file starts its own redis-server; two files at a time suits a 2-core machine.
    maxWorkers: 2,
  },
});
