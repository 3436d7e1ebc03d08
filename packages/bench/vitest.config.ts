import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The smoke run measures every scenario with tiny sizes on one private redis-server.
    testTimeout: 120_000,
    hookTimeout: 30_000,
  },
});
