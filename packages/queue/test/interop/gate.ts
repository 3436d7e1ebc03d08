/**
 * The interop suite needs Debian's python3-rq. `.ci/run` installs it, so in CI a missing RQ fails the
 * suite; on a developer machine without it, the suite is skipped with a message saying what to install.
 */
import { describe } from "vitest";
import { pythonRqVersion, PYTHON } from "./python.js";

export const RQ_VERSION = pythonRqVersion();

if (!RQ_VERSION) {
  const message = `Python RQ is not importable by ${PYTHON}: install it with \`sudo apt-get install -y python3-rq\` to run the interop suite`;
  if (process.env.CI) throw new Error(message);
  console.warn(`skipping the interop suite: ${message}`);
}

/** `describe` when Python RQ is there, `describe.skip` otherwise (never in CI). */
export function describeInterop(name: string, body: () => void): void {
  (RQ_VERSION ? describe : describe.skip)(name, body);
}
