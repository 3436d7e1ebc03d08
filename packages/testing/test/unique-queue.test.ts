import { describe, expect, it } from "vitest";
import { uniqueQueue } from "../src/index.js";

describe("uniqueQueue", () => {
  it("is the prefix and 8 hex digits, different each time", () => {
    expect(uniqueQueue()).toMatch(/^q-[0-9a-f]{8}$/);
    expect(uniqueQueue("long-tasks-test")).toMatch(/^long-tasks-test-[0-9a-f]{8}$/);
    const names = new Set(Array.from({ length: 100 }, () => uniqueQueue()));
    expect(names.size).toBe(100);
  });
});
