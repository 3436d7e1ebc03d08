import { defineConfig } from "vitest/config";

export default defineConfig({
  // removing seven installed copies at the end takes a while on a loaded machine
  test: { include: ["test/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false },
});
