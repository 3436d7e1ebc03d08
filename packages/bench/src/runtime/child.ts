/** Runs a bundled child entry with plain `node` and reads the JSON it prints last. */
import { spawn } from "node:child_process";

export interface ChildRun<T> {
  result: T;
  /** Wall time from spawn to exit, in ms. */
  elapsedMs: number;
}

/** Spawns `node file ...args`; resolves the JSON of its last stdout line, or rejects with its stderr. */
export function runChild<T>(file: string, args: readonly string[]): Promise<ChildRun<T>> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      const elapsedMs = performance.now() - started;
      const last = stdout.trim().split("\n").pop() ?? "";
      if (code !== 0) {
        reject(new Error(`${file} exited with ${signal ?? code}: ${stderr.trim() || last}`));
        return;
      }
      try {
        resolve({ result: JSON.parse(last) as T, elapsedMs });
      } catch {
        reject(new Error(`${file} printed no JSON result; stdout: ${stdout.slice(0, 500)} stderr: ${stderr.slice(0, 500)}`));
      }
    });
  });
}
