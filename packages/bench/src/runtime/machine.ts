/** What the results file says about where they were measured: the machine, its load, the versions. */
import { execFileSync } from "node:child_process";
import { cpus, hostname, loadavg, platform, release, totalmem } from "node:os";

export interface Machine {
  hostname: string;
  cpuModel: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  redis: string;
  /** 1-minute load average when the run started and when it ended: above ~2.5 the machine was shared. */
  loadAtStart: number;
  loadAtEnd: number;
  /** One PING round trip to the bench's Redis, µs (median). */
  roundTripMicros: number;
  /** Peak RSS of a bare `node` process: the floor under every worker's RSS. */
  bareNodeRssMb: number;
}

/** Peak RSS of `node -e ""`, read the way the worker-RSS child reads its own (see peak-rss.ts). */
export function bareNodeRssMb(): number {
  const script = 'const m = /^VmHWM:\\s+(\\d+) kB$/m.exec(require("fs").readFileSync("/proc/self/status", "utf8")); console.log(m ? m[1] : process.resourceUsage().maxRSS)';
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim()) / 1024;
}

export function describeMachine(redisVersion: string, roundTripMicros: number, loadAtStart: number): Machine {
  return {
    hostname: hostname(),
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    redis: redisVersion,
    loadAtStart,
    loadAtEnd: loadavg()[0]!,
    roundTripMicros,
    bareNodeRssMb: bareNodeRssMb(),
  };
}

/** The 1-minute load average now. */
export function currentLoad(): number {
  return loadavg()[0]!;
}
