/**
 * `npm run nasa`: the fake NASA Mars Rover Photos API of @rqts/testing on a free port of 127.0.0.1 —
 * authored photos of Curiosity (sols 1000–1009) and Perseverance (sols 100–104), each image served by
 * the fake itself. Give its address to the worker as NASA_API_URL. Options:
 *   --rate-limit N --rate-window 10s   answer 429 after N calls per key per window (default: 1000, no window)
 *   --latency 300ms                    wait before every answer
 */
import { parseArgs } from "node:util";
import { startFakeNasa } from "@rqts/testing";
import { parseDuration } from "./lib/config";

const usage = "usage: npm run nasa -w @rqts/mars-rover [-- --rate-limit N --rate-window 10s --latency 300ms]";
let options;
try {
  const { values } = parseArgs({ options: { "rate-limit": { type: "string" }, "rate-window": { type: "string" }, latency: { type: "string" } } });
  options = {
    rateLimit: values["rate-limit"] === undefined ? undefined : wholeNumber(values["rate-limit"], "--rate-limit"),
    rateLimitWindowMs: values["rate-window"] === undefined ? undefined : duration(values["rate-window"], "--rate-window"),
    latencyMs: values.latency === undefined ? undefined : duration(values.latency, "--latency"),
  };
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}

const nasa = await startFakeNasa(options);
const limits = options.rateLimit ? `, ${options.rateLimit} calls per key${options.rateLimitWindowMs ? ` per ${options.rateLimitWindowMs / 1000} s` : ""}` : "";
console.log(`Fake NASA Mars photos API at ${nasa.url} (key ${nasa.apiKey}${limits})`);
console.log(`  export NASA_API_URL=${nasa.url}`);
console.log(`  try ${nasa.url}/api/v1/rovers/curiosity/photos?sol=1000&api_key=${nasa.apiKey}`);
// npm and tsx relay a Ctrl-C the terminal sent the whole group too: close once, ignore the repeats.
let closing = false;
const stop = () => {
  if (!closing) void nasa.close().then(() => process.exit(0));
  closing = true;
};
process.on("SIGINT", stop).on("SIGTERM", stop);

function wholeNumber(text: string, option: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new Error(`${option} must be a whole number ≥ 1, got "${text}"`);
  return Number(text);
}

function duration(text: string, option: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new Error(`${option} must be a duration with a unit, such as 10s or 300ms; got "${text}"`);
  return ms;
}
