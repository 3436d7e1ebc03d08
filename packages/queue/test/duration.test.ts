import { describe, expect, it } from "vitest";
import { toMilliseconds, toSeconds } from "../src/duration.js";
import { InvalidArgumentError } from "../src/errors.js";
import { callString } from "../src/call-string.js";
import { parseRqTimestamp, rqTimestamp } from "../src/time.js";

describe("durations", () => {
  it.each([
    [1500, 1500],
    ["250ms", 250],
    ["90s", 90_000],
    ["5m", 300_000],
    ["1h", 3_600_000],
    ["2d", 172_800_000],
    ["1w", 604_800_000],
    ["1.5s", 1500],
  ])("reads %s as %d ms", (input, ms) => {
    expect(toMilliseconds(input)).toBe(ms);
  });

  it("reads -1 and 'never' as unlimited, stored as RQ's -1", () => {
    expect(toMilliseconds(-1)).toBe(Infinity);
    expect(toSeconds("never")).toBe(-1);
    expect(toSeconds(-1)).toBe(-1);
  });

  it("stores whole seconds, rounding up", () => {
    expect(toSeconds("90s")).toBe(90);
    expect(toSeconds(1500)).toBe(2);
    expect(toSeconds(0)).toBe(0);
  });

  it.each(["soon", "5 minutes", "-5s", "", "1y"])("rejects %j naming the accepted forms", (input) => {
    expect(() => toMilliseconds(input, "timeout")).toThrow(InvalidArgumentError);
    expect(() => toMilliseconds(input, "timeout")).toThrow(/timeout/);
  });

  it("rejects negative and non-finite numbers other than -1", () => {
    expect(() => toMilliseconds(-5)).toThrow(InvalidArgumentError);
    expect(() => toMilliseconds(Number.NaN)).toThrow(InvalidArgumentError);
  });
});

describe("call strings", () => {
  it("reads like a Python call, as RQ's default description", () => {
    expect(callString("probe_tasks.add", [2, 3])).toBe("probe_tasks.add(2, 3)");
    expect(callString("probe_tasks.boom", ["kaput"])).toBe("probe_tasks.boom('kaput')");
    expect(callString("m.f", [null, true, [1, "a"], { k: false }], { depth: 2 })).toBe("m.f(None, True, [1, 'a'], {'k': False}, depth=2)");
    expect(callString("m.f", ["it's"])).toBe("m.f('it\\'s')");
  });
});

describe("timestamps", () => {
  it("writes RQ's six-digit UTC form and reads 1–6 digits back", () => {
    const date = new Date("2026-11-28T06:54:07.188Z");
    expect(rqTimestamp(date)).toBe("2026-11-28T06:54:07.188000Z");
    expect(parseRqTimestamp("2026-11-28T06:54:07.188034Z")?.toISOString()).toBe("2026-11-28T06:54:07.188Z");
    expect(parseRqTimestamp("2026-11-28T06:54:07Z")?.toISOString()).toBe("2026-11-28T06:54:07.000Z");
    expect(parseRqTimestamp("")).toBeUndefined();
    expect(parseRqTimestamp("yesterday")).toBeUndefined();
  });
});
