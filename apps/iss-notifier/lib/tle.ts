/**
 * Two-line element sets (TLEs): the orbit description satellite.js propagates. A TLE is parsed and
 * checked here — line numbers, lengths, the catalogue number on both lines and each line's mod-10
 * checksum — before anything stores or uses it, so a truncated download never replaces a good TLE.
 */
import { BUNDLED_ISS_TLE } from "../fixtures/iss-tle";
import { InvalidTleError } from "./errors";

/** A checked TLE. */
export interface Tle {
  /** The title line ("ISS (ZARYA)"), or the catalogue number when the set has none. */
  readonly name: string;
  readonly line1: string;
  readonly line2: string;
  /** The instant the elements describe; predictions get less accurate the further from it. */
  readonly epoch: Date;
}

/** The ISS TLE shipped with the app (epoch 2026-11-20 12:25 UTC), used until the daily refresh stores a newer one. */
export const BUNDLED_TLE_TEXT = BUNDLED_ISS_TLE;

const LINE_LENGTH = 69;

/** Parses a 2- or 3-line TLE; throws `InvalidTleError` saying which line is wrong and how. */
export function parseTle(text: string): Tle {
  const lines = text.split(/\r?\n/).map((line) => line.trimEnd()).filter((line) => line !== "");
  if (lines.length < 2 || lines.length > 3) {
    throw new InvalidTleError(`A TLE has 2 lines (or 3 with a title), got ${lines.length}`);
  }
  const [line1, line2] = lines.slice(-2) as [string, string];
  checkLine(line1, "1");
  checkLine(line2, "2");
  if (line1.slice(2, 7) !== line2.slice(2, 7)) {
    throw new InvalidTleError(`The two lines describe different satellites (${line1.slice(2, 7)} and ${line2.slice(2, 7)})`);
  }
  const name = lines.length === 3 ? lines[0]!.replace(/^0 /, "").trim() : line1.slice(2, 7).trim();
  return { name, line1, line2, epoch: tleEpoch(line1) };
}

function checkLine(line: string, number: "1" | "2"): void {
  if (line.length !== LINE_LENGTH || !line.startsWith(`${number} `)) {
    throw new InvalidTleError(`TLE line ${number} must be ${LINE_LENGTH} characters starting with "${number} ", got "${line.slice(0, 80)}"`);
  }
  const expected = checksum(line);
  if (line[68] !== String(expected)) {
    throw new InvalidTleError(`TLE line ${number} has checksum ${line[68]}, but its digits sum to ${expected} (mod 10): the line is damaged`);
  }
}

/** The mod-10 checksum of a TLE line: the sum of its digits, with each minus sign counting 1. */
export function checksum(line: string): number {
  let sum = 0;
  for (const char of line.slice(0, 68)) {
    if (char >= "0" && char <= "9") sum += Number(char);
    else if (char === "-") sum += 1;
  }
  return sum % 10;
}

/** Columns 19–32 of line 1: two-digit year (57–99 → 19xx) and fractional day of year. */
function tleEpoch(line1: string): Date {
  const field = line1.slice(18, 32).trim();
  const match = /^(\d{2})(\d{3}\.\d+)$/.exec(field);
  if (!match) throw new InvalidTleError(`TLE line 1 has no epoch in columns 19-32, got "${field}"`);
  const twoDigitYear = Number(match[1]);
  const year = twoDigitYear < 57 ? 2000 + twoDigitYear : 1900 + twoDigitYear;
  const dayOfYear = Number(match[2]);
  if (dayOfYear < 1 || dayOfYear >= 367) throw new InvalidTleError(`TLE epoch day ${dayOfYear} is not a day of the year`);
  return new Date(Date.UTC(year, 0, 1) + (dayOfYear - 1) * 86_400_000);
}
