// tutorials/12-testing-without-the-internet/vitest.config.ts — this lesson's tests, run on their own.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { root: dirname(fileURLToPath(import.meta.url)), include: ["*.test.ts"], testTimeout: 20_000, hookTimeout: 20_000 },
});
