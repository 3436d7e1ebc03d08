import { describe, expect, it } from "vitest";
import { InvalidTleError } from "../lib/errors";
import { BUNDLED_TLE_TEXT, checksum, parseTle } from "../lib/tle";

const [, line1, line2] = BUNDLED_TLE_TEXT.trim().split("\n") as [string, string, string];

describe("TLE parsing", () => {
  it("reads the bundled ISS TLE: its name and epoch (2026 day 324.517…, 20 Nov 12:25 UTC)", () => {
    const tle = parseTle(BUNDLED_TLE_TEXT);
    expect(tle.name).toBe("ISS (ZARYA)");
    expect(tle.epoch.toISOString()).toBe("2026-11-20T12:24:59.999Z");
    expect(tle.line1).toBe(line1);
  });

  it("accepts the two lines without a title, naming the set by its catalogue number", () => {
    expect(parseTle(`${line1}\r\n${line2}\r\n`).name).toBe("25544");
  });

  it("computes the checksum with each minus sign counting one", () => {
    expect(checksum("1 -----" + "0".repeat(62))).toBe(6);
    expect(checksum(line1)).toBe(Number(line1[68]));
  });

  it("refuses a damaged line, naming the line and the checksum it should have", () => {
    const damaged = line2.slice(0, 20) + (line2[20] === "1" ? "2" : "1") + line2.slice(21);
    expect(() => parseTle(`${line1}\n${damaged}`)).toThrow(InvalidTleError);
    expect(() => parseTle(`${line1}\n${damaged}`)).toThrow(/TLE line 2 has checksum \d, but its digits sum to \d/);
  });

  it("refuses truncated text, lines of two satellites, and an HTML error page", () => {
    expect(() => parseTle(line1)).toThrow(/2 lines \(or 3 with a title\), got 1/);
    const other = line2.replace("25544", "25545");
    const fixed = other.slice(0, 68) + checksum(other);
    expect(() => parseTle(`${line1}\n${fixed}`)).toThrow(/different satellites/);
    expect(() => parseTle("<html>\n<body>502</body>\n</html>")).toThrow(/must be 69 characters/);
  });
});
