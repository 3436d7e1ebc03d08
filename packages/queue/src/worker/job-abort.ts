/**
 * JobAbort: how the worker tells a running job to stop — a stop command, a cold shutdown, its timeout.
 * It plays AbortController's part, but makes the handler's AbortSignal only when the handler asks for
 * it (`currentJob().signal`): an AbortController, its EventTarget and a listener per job were a
 * measurable share of a busy worker's CPU time, and most handlers never look at their signal.
 */
export class JobAbort {
  private controller: AbortController | undefined;
  private listener: ((reason: Error) => void) | undefined;
  private abortReason: Error | undefined;

  get aborted(): boolean {
    return this.abortReason !== undefined;
  }

  /** Why it was aborted (undefined while it was not). */
  get reason(): Error | undefined {
    return this.abortReason;
  }

  /** The handler's signal, made on first use; already aborted if the job was. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.abortReason) this.controller.abort(this.abortReason);
    }
    return this.controller.signal;
  }

  /** Aborts once: later calls keep the first reason. */
  abort(reason: Error): void {
    if (this.abortReason) return;
    this.abortReason = reason;
    this.controller?.abort(reason);
    const listener = this.listener;
    this.listener = undefined;
    listener?.(reason);
  }

  /**
   * Calls `listener` once when aborted — at once if it already is. One listener at a time: the
   * executor running the job. Returns a function that removes it.
   */
  onAbort(listener: (reason: Error) => void): () => void {
    if (this.abortReason) {
      listener(this.abortReason);
      return () => undefined;
    }
    this.listener = listener;
    return () => {
      if (this.listener === listener) this.listener = undefined;
    };
  }
}
