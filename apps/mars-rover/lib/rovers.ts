/**
 * The rovers and cameras NASA's Mars Rover Photos API knows (its public vocabulary, SCENARIOS.md §2.1).
 * The CLI, the web form and the tasks check names against it before anything is enqueued or fetched,
 * so a typo gets a message listing the valid names instead of a job that fails later.
 */
import { InvalidInputError } from "./errors";

/** A rover's name as it appears in the API's URLs. */
export type RoverName = "curiosity" | "perseverance" | "opportunity" | "spirit";

export interface RoverInfo {
  name: RoverName;
  /** As the API spells it in JSON. */
  label: string;
  /** Camera abbreviations accepted by the `camera` parameter (upper case). */
  cameras: readonly string[];
}

const MER_CAMERAS = ["FHAZ", "RHAZ", "NAVCAM", "PANCAM", "MINITES"];

/** Every rover, the ones with photos today first. */
export const ROVERS: readonly RoverInfo[] = [
  { name: "curiosity", label: "Curiosity", cameras: ["FHAZ", "RHAZ", "MAST", "CHEMCAM", "MAHLI", "MARDI", "NAVCAM"] },
  {
    name: "perseverance",
    label: "Perseverance",
    cameras: [
      "EDL_RUCAM", "EDL_RDCAM", "EDL_DDCAM", "EDL_PUCAM1", "EDL_PUCAM2", "NAVCAM_LEFT", "NAVCAM_RIGHT", "MCZ_RIGHT", "MCZ_LEFT",
      "FRONT_HAZCAM_LEFT_A", "FRONT_HAZCAM_RIGHT_A", "REAR_HAZCAM_LEFT", "REAR_HAZCAM_RIGHT", "SKYCAM", "SHERLOC_WATSON",
    ],
  },
  { name: "opportunity", label: "Opportunity", cameras: MER_CAMERAS },
  { name: "spirit", label: "Spirit", cameras: MER_CAMERAS },
];

/** The highest sol accepted: far beyond any rover's mission, low enough to catch typos. */
export const MAX_SOL = 100_000;

/** Reads a rover name (any case); throws `InvalidInputError` listing the rovers. */
export function parseRover(input: unknown, field = "rover"): RoverInfo {
  const name = typeof input === "string" ? input.trim().toLowerCase() : "";
  const rover = ROVERS.find((candidate) => candidate.name === name);
  if (!rover) {
    throw new InvalidInputError(field, `${field} must be one of ${ROVERS.map((r) => r.name).join(", ")}; got ${shown(input)}`);
  }
  return rover;
}

/**
 * Reads a camera of `rover` (any case) and returns it in upper case, or `null` for "every camera"
 * (nothing, an empty string, or `all`). Throws `InvalidInputError` listing the rover's cameras.
 */
export function parseCamera(rover: RoverInfo, input: unknown, field = "camera"): string | null {
  if (input === undefined || input === null) return null;
  const name = typeof input === "string" ? input.trim().toUpperCase() : undefined;
  if (name === "" || name === "ALL") return null;
  if (name === undefined || !rover.cameras.includes(name)) {
    throw new InvalidInputError(field, `${rover.label}'s cameras are ${rover.cameras.join(", ")} (or all); got ${shown(input)}`);
  }
  return name;
}

/** Reads one sol: a whole number from 0 to `MAX_SOL`. */
export function parseSol(input: unknown, field = "sol"): number {
  const text = typeof input === "number" ? String(input) : typeof input === "string" ? input.trim() : "";
  if (!/^\d{1,6}$/.test(text) || Number(text) > MAX_SOL) {
    throw new InvalidInputError(field, `${field} must be a whole number from 0 to ${MAX_SOL} (a Martian day of the mission); got ${shown(input)}`);
  }
  return Number(text);
}

/** A value as an error message quotes it: strings quoted and cut at 40 characters. */
export function shown(input: unknown): string {
  if (typeof input === "string") return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  if (input === undefined) return "nothing";
  return typeof input === "number" ? String(input) : `a ${Array.isArray(input) ? "list" : typeof input}`;
}
