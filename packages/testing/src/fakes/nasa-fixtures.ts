/**
 * Authored fixtures for the fake Mars Rover Photos API: the four rovers with their cameras,
 * and which sols have how many photos from which camera.
 *
 * The real service is archived, so nothing here was recorded: rover and camera names follow
 * the API's public vocabulary, the photo counts are invented to exercise the interesting
 * cases (sols with no photos, sols with more than one page of 25, one camera filling a page).
 * Photo ids are sequential per rover, ordered by sol, then camera, as the API ordered them.
 */
import type { Rgb } from "./png.js";

/** A rover name as it appears in URLs (lower case). */
export type RoverName = "curiosity" | "opportunity" | "spirit" | "perseverance";

export interface CameraFixture {
  readonly id: number;
  /** Upper-case abbreviation used in the `camera` query parameter, e.g. `NAVCAM`. */
  readonly name: string;
  readonly fullName: string;
}

export interface RoverFixture {
  readonly id: number;
  /** Capitalised, as in the API's JSON (`"Curiosity"`). */
  readonly name: string;
  readonly landingDate: string;
  readonly launchDate: string;
  readonly status: "active" | "complete";
  readonly cameras: readonly CameraFixture[];
}

/** One photo the fake serves; `width`/`height` are the size of its generated PNG. */
export interface MarsPhotoFixture {
  readonly id: number;
  readonly rover: RoverName;
  readonly sol: number;
  readonly earthDate: string;
  readonly camera: CameraFixture;
  readonly width: number;
  readonly height: number;
}

const camera = (id: number, name: string, fullName: string): CameraFixture => ({ id, name, fullName });

// Spirit and Opportunity share one camera set; their image archives are gone (see SCENARIOS §2.1),
// so the fake knows them as valid rovers with no photos.
const MER_CAMERAS = (firstId: number): CameraFixture[] => [
  camera(firstId, "FHAZ", "Front Hazard Avoidance Camera"),
  camera(firstId + 1, "RHAZ", "Rear Hazard Avoidance Camera"),
  camera(firstId + 2, "NAVCAM", "Navigation Camera"),
  camera(firstId + 3, "PANCAM", "Panoramic Camera"),
  camera(firstId + 4, "MINITES", "Miniature Thermal Emission Spectrometer (Mini-TES)"),
];

/** The rovers the API knows, by URL name. Any other name is answered with 400 "Invalid Rover Name". */
export const ROVERS: Readonly<Record<RoverName, RoverFixture>> = {
  curiosity: {
    id: 5,
    name: "Curiosity",
    landingDate: "2012-08-06",
    launchDate: "2011-11-26",
    status: "active",
    cameras: [
      camera(20, "FHAZ", "Front Hazard Avoidance Camera"),
      camera(21, "RHAZ", "Rear Hazard Avoidance Camera"),
      camera(22, "MAST", "Mast Camera"),
      camera(23, "CHEMCAM", "Chemistry and Camera Complex"),
      camera(24, "MAHLI", "Mars Hand Lens Imager"),
      camera(25, "MARDI", "Mars Descent Imager"),
      camera(26, "NAVCAM", "Navigation Camera"),
    ],
  },
  opportunity: {
    id: 6,
    name: "Opportunity",
    landingDate: "2004-01-25",
    launchDate: "2003-07-07",
    status: "complete",
    cameras: MER_CAMERAS(14),
  },
  spirit: { id: 7, name: "Spirit", landingDate: "2004-01-04", launchDate: "2003-06-10", status: "complete", cameras: MER_CAMERAS(27) },
  perseverance: {
    id: 8,
    name: "Perseverance",
    landingDate: "2021-02-18",
    launchDate: "2020-07-30",
    status: "active",
    cameras: [
      camera(32, "EDL_RUCAM", "Rover Up-Look Camera"),
      camera(33, "EDL_RDCAM", "Rover Down-Look Camera"),
      camera(34, "EDL_DDCAM", "Descent Stage Down-Look Camera"),
      camera(35, "EDL_PUCAM1", "Parachute Up-Look Camera A"),
      camera(36, "EDL_PUCAM2", "Parachute Up-Look Camera B"),
      camera(37, "NAVCAM_LEFT", "Navigation Camera - Left"),
      camera(38, "NAVCAM_RIGHT", "Navigation Camera - Right"),
      camera(39, "MCZ_RIGHT", "Mast Camera Zoom - Right"),
      camera(40, "MCZ_LEFT", "Mast Camera Zoom - Left"),
      camera(41, "FRONT_HAZCAM_LEFT_A", "Front Hazard Avoidance Camera - Left"),
      camera(42, "FRONT_HAZCAM_RIGHT_A", "Front Hazard Avoidance Camera - Right"),
      camera(43, "REAR_HAZCAM_LEFT", "Rear Hazard Avoidance Camera - Left"),
      camera(44, "REAR_HAZCAM_RIGHT", "Rear Hazard Avoidance Camera - Right"),
      camera(45, "SKYCAM", "MEDA Skycam"),
      camera(46, "SHERLOC_WATSON", "SHERLOC WATSON Camera"),
    ],
  },
};

type SolTable = Readonly<Record<number, Readonly<Record<string, number>>>>;

/**
 * Photos per sol and camera. Notes on the cases each sol is there for:
 * - curiosity 1000 (40 photos) and 1003 (30 MAST) need two pages; 1003 with `camera=mast` too;
 * - curiosity 1001 and 1005, perseverance 101 have no photos (an empty list, absent from the manifest);
 * - curiosity 1009 and perseverance 104 are the latest sols (`latest_photos`, `max_sol`).
 */
const SOLS: Readonly<Record<RoverName, SolTable>> = {
  curiosity: {
    1000: { FHAZ: 2, RHAZ: 2, MAST: 20, NAVCAM: 16 },
    1001: {},
    1002: { MAHLI: 3, NAVCAM: 4 },
    1003: { MAST: 30 },
    1004: { FHAZ: 2, CHEMCAM: 6 },
    1005: {},
    1006: { MARDI: 1 },
    1007: { RHAZ: 2, NAVCAM: 8 },
    1008: { MAST: 12, MAHLI: 5 },
    1009: { FHAZ: 1, NAVCAM: 3 },
  },
  opportunity: {},
  spirit: {},
  perseverance: {
    100: { NAVCAM_LEFT: 6, NAVCAM_RIGHT: 6, FRONT_HAZCAM_LEFT_A: 2 },
    101: {},
    102: { MCZ_RIGHT: 14, MCZ_LEFT: 14 },
    103: { SKYCAM: 1, SHERLOC_WATSON: 3 },
    104: { REAR_HAZCAM_LEFT: 2, REAR_HAZCAM_RIGHT: 2 },
  },
};

const FIRST_PHOTO_ID: Readonly<Record<RoverName, number>> = {
  curiosity: 424_901,
  opportunity: 100_001,
  spirit: 200_001,
  perseverance: 1_000_101,
};

/** A Martian solar day in milliseconds (24 h 39 min 35.244 s). */
const SOL_MS = 88_775_244;

/** The Earth date (UTC, `YYYY-MM-DD`) on which `sol` began for a rover that landed on `landingDate`. */
export function earthDateOfSol(landingDate: string, sol: number): string {
  return new Date(Date.parse(`${landingDate}T00:00:00Z`) + sol * SOL_MS).toISOString().slice(0, 10);
}

/** Every sol in the fixtures for a rover, including the ones with no photos, in ascending order. */
export function fixtureSols(rover: RoverName): number[] {
  return Object.keys(SOLS[rover])
    .map(Number)
    .sort((a, b) => a - b);
}

/** Builds every photo of every rover, ordered by rover, sol, camera (in the rover's camera order). */
export function buildPhotos(): MarsPhotoFixture[] {
  const photos: MarsPhotoFixture[] = [];
  for (const rover of Object.keys(ROVERS) as RoverName[]) {
    const { cameras, landingDate } = ROVERS[rover];
    let id = FIRST_PHOTO_ID[rover];
    for (const sol of fixtureSols(rover)) {
      const counts = SOLS[rover][sol] ?? {};
      for (const cam of cameras) {
        for (let i = 0; i < (counts[cam.name] ?? 0); i++, id++) {
          // Sizes vary with the id so a test can tell photos apart by their PNG header alone.
          const width = 24 + ((id * 37) % 41);
          const height = 16 + ((id * 53) % 29);
          photos.push({ id, rover, sol, earthDate: earthDateOfSol(landingDate, sol), camera: cam, width, height });
        }
      }
    }
  }
  return photos;
}

/** The two gradient colours of a photo's PNG: dusty reds, shifted by camera so thumbnails look different. */
export function photoColours(photo: MarsPhotoFixture): [Rgb, Rgb] {
  const shift = (photo.camera.id * 23) % 60;
  return [
    [150 + shift, 60 + (shift >> 1), 20],
    [235, 180 - shift, 120 + (photo.sol % 50)],
  ];
}
