/**
 * This process's peak resident set size, in MB (2^20 bytes).
 *
 * Not `process.resourceUsage().maxRSS` where Linux offers better: a child's `ru_maxrss` keeps the high-water
 * mark of the memory it was forked with, so a small worker started by the big bench process would
 * report the bench's RSS. `/proc/self/status` `VmHWM` is the peak of the process's own address space.
 */
import { readFileSync } from "node:fs";

export function peakRssMb(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS / 1024;
}
