import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../lib/errors";
import { MAX_SOLS_PER_REQUEST, parseFetchRequest, parseSols, parseWhen } from "../lib/fetch-request";

const NOW = new Date("2026-11-28T09:00:00Z");

describe("parseSols", () => {
  it("reads one sol, a range and a list, each sol once, in the order given", () => {
    expect(parseSols("1000")).toEqual([1000]);
    expect(parseSols("1000..1003")).toEqual([1000, 1001, 1002, 1003]);
    expect(parseSols("1005, 1000..1001,1000")).toEqual([1005, 1000, 1001]);
  });

  it.each([
    ["", /give a sol \(1000\), a range \(1000\.\.1009\) or a list/],
    ["1009..1000", /the range 1009\.\.1000 runs backwards; write 1000\.\.1009/],
    ["ten", /must be a whole number from 0 to 100000/],
    ["-3", /must be a whole number/],
    [`0..${MAX_SOLS_PER_REQUEST}`, new RegExp(`at most ${MAX_SOLS_PER_REQUEST} sols per request`)],
  ])("refuses %j, saying what it accepts", (input, message) => {
    expect(() => parseSols(input)).toThrow(message);
  });
});

describe("parseWhen", () => {
  it("is now without in or at", () => {
    expect(parseWhen(undefined, "", NOW)).toEqual({ kind: "now" });
  });

  it("reads a delay with a unit, or bare seconds as the rqts CLI does", () => {
    expect(parseWhen("30s", undefined, NOW)).toEqual({ kind: "in", delayMs: 30_000 });
    expect(parseWhen("90", undefined, NOW)).toEqual({ kind: "in", delayMs: 90_000 });
    expect(parseWhen("2h", undefined, NOW)).toEqual({ kind: "in", delayMs: 7_200_000 });
  });

  it("reads an instant with its offset, as UTC", () => {
    expect(parseWhen(undefined, "2026-11-28T10:30:00+01:00", NOW)).toEqual({ kind: "at", date: new Date("2026-11-28T09:30:00Z") });
  });

  it.each([
    ["30s", "2026-11-28T10:00:00Z", /either in \(a delay\) or at \(a time\), not both/],
    ["0s", undefined, /a delay from 1 s to ten years/],
    [undefined, "2026-11-28T10:00:00", /an ISO 8601 time with its offset/],
    [undefined, "2026-11-28T08:00:00Z", /2026-11-28T08:00:00Z is in the past \(it is 2026-11-28T09:00:00Z now\)/],
  ])("refuses in=%j at=%j", (delay, at, message) => {
    expect(() => parseWhen(delay, at, NOW)).toThrow(message);
  });
});

describe("parseFetchRequest", () => {
  it("checks the rover and its camera, in any case", () => {
    const request = parseFetchRequest({ rover: "Perseverance", camera: "navcam_left", sols: "100..101" }, NOW);
    expect([request.rover.name, request.camera, request.sols, request.when]).toEqual(["perseverance", "NAVCAM_LEFT", [100, 101], { kind: "now" }]);
    expect(parseFetchRequest({ rover: "curiosity", camera: "all", sols: "1000" }, NOW).camera).toBeNull();
  });

  it("names the field at fault and lists what is accepted", () => {
    const unknownRover = captured(() => parseFetchRequest({ rover: "pluto", sols: "1" }));
    expect([unknownRover.field, unknownRover.message]).toEqual(["rover", 'rover must be one of curiosity, perseverance, opportunity, spirit; got "pluto"']);
    const foreignCamera = captured(() => parseFetchRequest({ rover: "curiosity", camera: "SKYCAM", sols: "1" }));
    expect(foreignCamera.field).toBe("camera");
    expect(foreignCamera.message).toMatch(/^Curiosity's cameras are FHAZ, RHAZ, MAST, CHEMCAM, MAHLI, MARDI, NAVCAM \(or all\); got "SKYCAM"$/);
  });
});

function captured(attempt: () => unknown): InvalidInputError {
  try {
    attempt();
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error("expected an InvalidInputError");
}
