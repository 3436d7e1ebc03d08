import { describe, expect, it } from "vitest";
import { JobAbort } from "../src/worker/job-abort.js";

describe("JobAbort (how a worker aborts a running job)", () => {
  it("calls its listener once, with the first reason", () => {
    const abort = new JobAbort();
    const reasons: string[] = [];
    abort.onAbort((reason) => reasons.push(reason.message));
    abort.abort(new Error("stop"));
    abort.abort(new Error("later"));
    expect(reasons).toEqual(["stop"]);
    expect(abort.aborted).toBe(true);
    expect(abort.reason?.message).toBe("stop");
  });

  it("calls a listener added after the abort at once, and none that was removed", () => {
    const abort = new JobAbort();
    const calls: string[] = [];
    const remove = abort.onAbort(() => calls.push("removed"));
    remove();
    abort.abort(new Error("timeout"));
    abort.onAbort((reason) => calls.push(reason.message));
    expect(calls).toEqual(["timeout"]);
  });

  it("gives the handler an AbortSignal that fires with the reason", () => {
    const abort = new JobAbort();
    const signal = abort.signal;
    expect(signal.aborted).toBe(false);
    let fired: unknown;
    signal.addEventListener("abort", () => (fired = signal.reason));
    abort.abort(new Error("cold shutdown"));
    expect((fired as Error).message).toBe("cold shutdown");
    expect(abort.signal).toBe(signal);
  });

  it("gives a signal asked for after the abort already aborted, with the reason", () => {
    const abort = new JobAbort();
    abort.abort(new Error("stopped"));
    expect(abort.signal.aborted).toBe(true);
    expect((abort.signal.reason as Error).message).toBe("stopped");
  });
});
