import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The runner's own tests; the tutorials themselves run through `tsx runner/cli.ts run`.
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 20_000,
    maxWorkers: 2,
  },
});
