// tutorials/14-going-to-production/preflight.ts — does this Redis keep jobs safe? Run it before a worker meets it.
//   npx tsx tutorials/14-going-to-production/preflight.ts          the Redis of REDIS_URL
// Exits 1 when a setting would lose jobs, so a deploy script can stop there.
import { Redis } from "ioredis";

interface Finding {
  ok: boolean;
  message: string;
}

const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const connection = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });

/** Reads settings with CONFIG GET; managed Redis services often disable it, which we report rather than guess. */
async function readSettings(names: readonly string[]): Promise<Map<string, string> | Error> {
  try {
    const reply = (await connection.call("CONFIG", "GET", ...names)) as string[];
    const settings = new Map<string, string>();
    for (let i = 0; i < reply.length; i += 2) settings.set(reply[i]!, reply[i + 1]!);
    return settings;
  } catch (error) {
    return error as Error;
  }
}

function judge(settings: Map<string, string>): Finding[] {
  const appendonly = settings.get("appendonly");
  const fsync = settings.get("appendfsync");
  const save = settings.get("save") ?? "";
  const policy = settings.get("maxmemory-policy");
  return [
    appendonly === "yes"
      ? { ok: true, message: `appendonly yes, appendfsync ${fsync}: a Redis restart keeps the jobs` }
      : { ok: false, message: `appendonly ${appendonly}${save ? "" : ", no snapshots"}: a Redis restart loses every job (set appendonly yes)` },
    policy === "noeviction"
      ? { ok: true, message: "maxmemory-policy noeviction: a full Redis refuses writes instead of deleting jobs" }
      : { ok: false, message: `maxmemory-policy ${policy}: a full Redis deletes keys, jobs among them (set noeviction)` },
    {
      ok: true,
      message: `result streams: nodes of ${settings.get("stream-node-max-bytes")} bytes / ${settings.get("stream-node-max-entries")} entries`,
    },
  ];
}

await connection.connect();
const settings = await readSettings(["appendonly", "appendfsync", "save", "maxmemory-policy", "stream-node-max-bytes", "stream-node-max-entries"]);
if (settings instanceof Error) {
  console.log(`Cannot read the settings (${settings.message}): check them in your provider's console`);
  process.exitCode = 1;
} else {
  const findings = judge(settings);
  for (const finding of findings) console.log(`${finding.ok ? "ok  " : "FAIL"} ${finding.message}`);
  process.exitCode = findings.every((finding) => finding.ok) ? 0 : 1;
}
connection.disconnect();
