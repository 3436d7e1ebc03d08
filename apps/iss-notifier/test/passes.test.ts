/**
 * Golden pass predictions from the bundled TLE (epoch 2026-11-20 12:25 UTC) for a fixed instant,
 * 2026-11-21T00:00:00Z, and fixed places. The values were computed once with this predictor (SGP4 from
 * satellite.js 7.1, 20 s sampling, crossings bisected to 0.25 s) and pinned; they are plausible for the
 * ISS (passes of 1–7 min, a pass every ~93 min while the orbit crosses the place). The tolerances allow
 * for a different SGP4 rounding, not for a different algorithm: ±2 s on times, ±0.2° on elevations.
 */
import { describe, expect, it } from "vitest";
import { NoPassFoundError } from "../lib/errors";
import { PassPredictor } from "../lib/passes";
import { BUNDLED_TLE_TEXT, parseTle } from "../lib/tle";

const tle = parseTle(BUNDLED_TLE_TEXT);
const AT = new Date("2026-11-21T00:00:00Z");

const GOLDEN = {
  london: {
    place: { latitude: 51.5074, longitude: -0.1278 },
    passes: [
      { rise: "2026-11-21T11:52:35Z", durationSeconds: 380, maxElevation: 38.7 },
      { rise: "2026-11-21T13:28:58Z", durationSeconds: 407, maxElevation: 89.6 },
      { rise: "2026-11-21T15:05:45Z", durationSeconds: 406, maxElevation: 77.2 },
    ],
  },
  houston: {
    place: { latitude: 29.7604, longitude: -95.3698 },
    passes: [
      { rise: "2026-11-21T01:22:14Z", durationSeconds: 367, maxElevation: 32.7 },
      { rise: "2026-11-21T16:23:36Z", durationSeconds: 395, maxElevation: 56.5 },
      { rise: "2026-11-21T22:59:08Z", durationSeconds: 100, maxElevation: 10.7 },
    ],
  },
} as const;

describe("pass prediction", () => {
  for (const [name, { place, passes }] of Object.entries(GOLDEN)) {
    it(`predicts the next three passes over ${name} as pinned`, () => {
      const predicted = new PassPredictor(tle, place).nextPasses(AT, 3);
      predicted.forEach((pass, index) => {
        const golden = passes[index]!;
        expect(Math.abs(pass.rise.getTime() - Date.parse(golden.rise)), `rise ${index}`).toBeLessThanOrEqual(2000);
        expect(Math.abs(pass.durationSeconds - golden.durationSeconds), `duration ${index}`).toBeLessThanOrEqual(2);
        expect(pass.maxElevation).toBeCloseTo(golden.maxElevation, 0);
        expect(Math.abs(pass.maxElevation - golden.maxElevation)).toBeLessThanOrEqual(0.2);
      });
    });
  }

  it("puts the rise at 10° and the culmination between rise and set, at the highest elevation", () => {
    const predictor = new PassPredictor(tle, GOLDEN.london.place);
    const pass = predictor.nextPass(AT);
    const set = pass.rise.getTime() + pass.durationSeconds * 1000;
    expect(predictor.elevationAt(pass.rise)).toBeCloseTo(10, 0);
    expect(predictor.elevationAt(set)).toBeCloseTo(10, 0);
    expect(pass.culmination.getTime()).toBeGreaterThan(pass.rise.getTime());
    expect(pass.culmination.getTime()).toBeLessThan(set);
    for (const offset of [-30_000, 30_000]) expect(predictor.elevationAt(pass.culmination.getTime() + offset)).toBeLessThan(pass.maxElevation);
  });

  it("skips a pass already under way: the next rise is after the given time", () => {
    const predictor = new PassPredictor(tle, GOLDEN.london.place);
    const first = predictor.nextPass(AT);
    const duringFirst = new Date(first.rise.getTime() + 60_000);
    expect(predictor.nextPass(duringFirst).rise.toISOString()).toBe(predictor.nextPasses(AT, 2)[1]!.rise.toISOString());
  });

  it("honours a higher minimum elevation", () => {
    const pass = new PassPredictor(tle, GOLDEN.london.place, { minElevation: 60 }).nextPass(AT);
    expect(pass.maxElevation).toBeGreaterThanOrEqual(60);
    expect(pass.rise.getTime()).toBeGreaterThan(Date.parse(GOLDEN.london.passes[0].rise)); // the 38.7° pass does not count
  });

  it("throws NoPassFoundError for a place beyond the orbit's reach (Svalbard, 78° N)", () => {
    const predictor = new PassPredictor(tle, { latitude: 78.2, longitude: 15.6 }, { horizonHours: 24 });
    expect(() => predictor.nextPass(AT)).toThrow(NoPassFoundError);
    expect(() => predictor.nextPass(AT)).toThrow(/within 24 hours .* up to about ±60°/);
  });
});
