import { describe, expect, it } from "vitest";
import { eventually } from "../src/index.js";

describe("eventually", () => {
  it("resolves with the first value the predicate holds for, probing until then", async () => {
    let calls = 0;
    const value = await eventually(
      async () => ++calls,
      (n) => n >= 3,
      1_000,
    );
    expect(value).toBe(3);
    expect(calls).toBe(3);
  });

  it("takes a probe that returns a plain value", async () => {
    const started = Date.now();
    await expect(eventually(() => Date.now() - started, (elapsed) => elapsed >= 50, 1_000)).resolves.toBeGreaterThanOrEqual(50);
  });

  it("after the timeout, rejects naming the timeout and the last value as JSON", async () => {
    const started = Date.now();
    let calls = 0;
    const waiting = eventually(
      async () => ({ status: "queued", calls: ++calls }),
      (job) => job.status === "finished",
      150,
    );
    await expect(waiting).rejects.toThrow(/within 150 ms .*last value: \{"status":"queued","calls":\d+\}$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(calls).toBeGreaterThan(2); // it polled, not probed once and slept
  });

  it("cuts a long last value to 500 characters and says how long it was", async () => {
    const error = await eventually(async () => "x".repeat(2_000), () => false, 30).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const shown = (error as Error).message.split("last value: ")[1]!;
    expect(shown).toBe(`"${"x".repeat(499)}… (2002 chars)`);
  });

  it("shows values JSON cannot (undefined, bigint) as text", async () => {
    await expect(eventually(async () => undefined, () => false, 30)).rejects.toThrow(/last value: undefined$/);
    await expect(eventually(async () => 12n, () => false, 30)).rejects.toThrow(/last value: 12$/);
  });

  it("rejects at once with the probe's own error", async () => {
    const started = Date.now();
    await expect(
      eventually(
        async () => {
          throw new Error("redis is gone");
        },
        () => true,
        5_000,
      ),
    ).rejects.toThrow("redis is gone");
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
