/**
 * `npm run bench`: rqts against BullMQ and bee-queue on one private redis-server, then the worker
 * execution models. Prints the tables (stdout; progress on stderr) and writes the results under
 * `results/`.
 *
 *   npm run bench                          the full run (N = 20,000, 3 repeats; under 10 minutes)
 *   npm run bench -- --smoke               tiny sizes: proves every scenario works, in seconds
 *   npm run bench -- --only=process-c100,latency --libraries=rqts,BullMQ
 *   npm run bench -- --jobs=50000          another N
 *   npm run bench -- --spawn-jobs=1000     run every job of the process-per-job models (minutes)
 *   npm run bench -- --no-write            print only
 */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { LIBRARIES, type LibraryName } from "./adapters/adapter.js";
import { MODELS_ID, SCENARIOS, runBench } from "./bench.js";
import { comparisonTable, modelsTable } from "./report/format.js";
import { goalsTable } from "./report/goals.js";
import { writeResults } from "./report/results.js";
import { FULL_SIZES, SMOKE_SIZES, type Sizes } from "./sizes.js";

function list(value: string | undefined): string[] | undefined {
  return value?.split(",").map((item) => item.trim()).filter(Boolean);
}

function wholeNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1; got ${value}`);
  return n;
}

const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    only: { type: "string" },
    libraries: { type: "string" },
    jobs: { type: "string" },
    "spawn-jobs": { type: "string" },
    "no-write": { type: "boolean", default: false },
    out: { type: "string", default: fileURLToPath(new URL("../results/", import.meta.url)) },
  },
});

const libraries = list(values.libraries);
const unknownLibraries = libraries?.filter((library) => !LIBRARIES.includes(library as LibraryName)) ?? [];
if (unknownLibraries.length > 0) throw new Error(`Unknown library ${unknownLibraries.join(", ")}; choose from ${LIBRARIES.join(", ")}`);

const base = values.smoke ? SMOKE_SIZES : FULL_SIZES;
const jobs = wholeNumber(values.jobs, "jobs");
const spawnJobs = wholeNumber(values["spawn-jobs"], "spawn-jobs");
const sizes: Sizes = { ...base, ...(jobs ? { jobs } : {}), ...(spawnJobs ? { modelSpawnJobs: spawnJobs } : {}) };

const results = await runBench({
  sizes,
  ...(values.only ? { only: list(values.only)! } : {}),
  ...(libraries ? { libraries: libraries as LibraryName[] } : {}),
});

console.log();
if (results.rows.length > 0) console.log(`${comparisonTable(results.rows, results.libraries)}\n`);
if (results.goals.length > 0) console.log(`${goalsTable(results.goals)}\n`);
if (results.models.length > 0) console.log(`${modelsTable(results.models)}\n`);
if (results.underLoad) console.log(`Measured under load (load average ${results.machine.loadAtStart.toFixed(2)} → ${results.machine.loadAtEnd.toFixed(2)}).`);
console.log(`Run time: ${Math.round(results.durationSeconds)} s. Scenarios: ${[...SCENARIOS.map((s) => s.id), MODELS_ID].join(", ")}.`);
if (!values["no-write"]) {
  const written = writeResults(values.out, results);
  console.log(`Results: ${written.json}, ${written.markdown}`);
}
