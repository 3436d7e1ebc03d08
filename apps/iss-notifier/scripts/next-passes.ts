/**
 * `npx tsx apps/iss-notifier/scripts/next-passes.ts [lat] [lon] [from]`: prints the next three ISS passes
 * over a place, computed from the bundled TLE (default: London, from 2026-11-21T00:00:00Z).
 */
import { PassPredictor } from "../lib/passes";
import { parseSubscription } from "../lib/subscription-input";
import { BUNDLED_TLE_TEXT, parseTle } from "../lib/tle";

const [latitude = "51.5074", longitude = "-0.1278", from = "2026-11-21T00:00:00Z"] = process.argv.slice(2);
const place = parseSubscription({ phone: "+10000000000", latitude, longitude }); // validates the degrees
const tle = parseTle(BUNDLED_TLE_TEXT);
console.log(`${tle.name}, TLE epoch ${tle.epoch.toISOString()}; passes above 10° over ${place.latitude}, ${place.longitude}:`);
for (const pass of new PassPredictor(tle, place).nextPasses(new Date(from), 3)) {
  console.log(`  rises ${pass.rise.toISOString()}  for ${pass.durationSeconds} s  up to ${pass.maxElevation}°`);
}
