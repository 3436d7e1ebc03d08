/**
 * Pass prediction, computed locally (Open Notify's `iss-pass.json` was retired in 2022): propagate the
 * TLE with SGP4 (satellite.js), turn each position into elevation above the observer's horizon, and find
 * where the elevation crosses the threshold (10°, as Open Notify counted "overhead").
 *
 * Steps: sample the elevation every 20 s (a pass above 10° lasts minutes, so none falls between two
 * samples unless it barely grazes the threshold); where a sample crosses the threshold, bisect to the
 * crossing to within a quarter second; then find the highest point between rise and set by ternary search
 * (elevation has one peak per pass).
 */
import { degreesToRadians, ecfToLookAngles, eciToEcf, gstime, propagate, twoline2satrec, type SatRec } from "satellite.js";
import { InvalidTleError, NoPassFoundError } from "./errors";
import type { Tle } from "./tle";

/** Where the observer is. */
export interface Observer {
  /** Degrees north, -90..90. */
  latitude: number;
  /** Degrees east, -180..180. */
  longitude: number;
  /** Height above the ellipsoid, metres. @defaultValue 0 */
  altitudeM?: number;
}

/** One pass: the ISS above `minElevation` from `rise` for `durationSeconds`. */
export interface Pass {
  /** When it climbs past the minimum elevation, to the whole second (the scheduler's resolution). */
  rise: Date;
  /** Seconds from rise until it sinks below the minimum elevation again. */
  durationSeconds: number;
  /** Its highest elevation, degrees. */
  maxElevation: number;
  /** When it is highest. */
  culmination: Date;
}

export interface PassSearchOptions {
  /** Degrees above the horizon that count as visible. @defaultValue 10 (Open Notify's "overhead") */
  minElevation?: number;
  /** How far ahead to look. @defaultValue 3 days (the ISS passes every place between ±60° several times a day) */
  horizonHours?: number;
}

const SAMPLE_STEP_MS = 20_000;
const CROSSING_PRECISION_MS = 250;
const DEFAULT_MIN_ELEVATION = 10;
const DEFAULT_HORIZON_HOURS = 72;

/** Predicts passes of one satellite over one observer. */
export class PassPredictor {
  private readonly satrec: SatRec;
  private readonly observer: { latitude: number; longitude: number; height: number };
  private readonly minElevation: number;
  private readonly horizonMs: number;

  constructor(tle: Tle, observer: Observer, options: PassSearchOptions = {}) {
    this.satrec = twoline2satrec(tle.line1, tle.line2);
    if (this.satrec.error !== 0) throw new InvalidTleError(`satellite.js cannot use this TLE (SGP4 error ${this.satrec.error})`);
    this.observer = {
      latitude: degreesToRadians(observer.latitude),
      longitude: degreesToRadians(observer.longitude),
      height: (observer.altitudeM ?? 0) / 1000,
    };
    this.minElevation = options.minElevation ?? DEFAULT_MIN_ELEVATION;
    this.horizonMs = (options.horizonHours ?? DEFAULT_HORIZON_HOURS) * 3_600_000;
  }

  /** Elevation above the horizon at `time`, degrees. */
  elevationAt(time: Date | number): number {
    const date = new Date(time);
    const state = propagate(this.satrec, date);
    if (!state || typeof state.position !== "object") {
      throw new InvalidTleError(`SGP4 cannot propagate this TLE to ${date.toISOString()} (error ${this.satrec.error}): the TLE is too old, refresh it`);
    }
    const ecf = eciToEcf(state.position, gstime(date));
    return (ecfToLookAngles(this.observer, ecf).elevation * 180) / Math.PI;
  }

  /**
   * The first pass that rises strictly after `after` (a pass already under way is skipped: it is too late
   * to tell anyone to look up). Throws `NoPassFoundError` when none rises within the horizon.
   */
  nextPass(after: Date): Pass {
    const start = after.getTime();
    const end = start + this.horizonMs;
    let previous = start;
    let above = this.isAbove(previous);
    for (let time = start + SAMPLE_STEP_MS; time <= end; time += SAMPLE_STEP_MS) {
      const nowAbove = this.isAbove(time);
      if (!above && nowAbove) return this.passRisingBetween(previous, time);
      above = nowAbove;
      previous = time;
    }
    throw new NoPassFoundError(
      `The ISS does not rise above ${this.minElevation}° within ${this.horizonMs / 3_600_000} hours of ${after.toISOString()} at this place: ` +
        "its orbit only passes over latitudes up to about ±60°",
    );
  }

  /** The next `count` passes after `after`, in order. */
  nextPasses(after: Date, count: number): Pass[] {
    const passes: Pass[] = [];
    let from = after;
    while (passes.length < count) {
      const pass = this.nextPass(from);
      passes.push(pass);
      from = new Date(pass.rise.getTime() + pass.durationSeconds * 1000);
    }
    return passes;
  }

  private isAbove(time: number): boolean {
    return this.elevationAt(time) >= this.minElevation;
  }

  private passRisingBetween(below: number, above: number): Pass {
    const rise = this.crossing(below, above);
    let lastAbove = above;
    while (this.isAbove(lastAbove + SAMPLE_STEP_MS)) lastAbove += SAMPLE_STEP_MS;
    const set = this.crossing(lastAbove + SAMPLE_STEP_MS, lastAbove);
    const culmination = this.peak(rise, set);
    const riseSecond = Math.round(rise / 1000) * 1000;
    return {
      rise: new Date(riseSecond),
      durationSeconds: Math.round((set - riseSecond) / 1000),
      maxElevation: Math.round(this.elevationAt(culmination) * 10) / 10,
      culmination: new Date(Math.round(culmination / 1000) * 1000),
    };
  }

  /** Bisects between a time below and a time above the threshold (in either order) to the crossing. */
  private crossing(below: number, above: number): number {
    while (Math.abs(above - below) > CROSSING_PRECISION_MS) {
      const middle = (below + above) / 2;
      if (this.isAbove(middle)) above = middle;
      else below = middle;
    }
    return above;
  }

  private peak(from: number, to: number): number {
    while (to - from > CROSSING_PRECISION_MS) {
      const third = (to - from) / 3;
      if (this.elevationAt(from + third) < this.elevationAt(to - third)) from += third;
      else to -= third;
    }
    return (from + to) / 2;
  }
}
