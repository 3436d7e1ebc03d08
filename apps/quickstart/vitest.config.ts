import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The test starts a redis-server and runs the whole demo (about two seconds of jobs).
    testTimeout: 30_000,
    hookTimeout: 20_000,
  },
});
