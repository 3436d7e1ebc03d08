/**
 * A progress bar on stderr for long admin actions. On a terminal it redraws one line in place; in a
 * log or a pipe it writes a plain line per update instead (no escape codes in log files).
 */
import { bar } from "./format.js";
import type { Output } from "./output.js";

const WIDTH = 30;

export class ProgressBar {
  private drawn = false;

  constructor(
    private readonly output: Output,
    private readonly label: string,
  ) {}

  update(done: number, total: number, note = ""): void {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const percent = `${Math.floor(share * 100)}%`.padStart(4);
    if (this.output.stderrIsTerminal) {
      const filled = bar(done, total, WIDTH).padEnd(WIDTH, "░");
      this.output.writeErr(`\r${this.label} ${filled} ${percent} ${done}/${total}${note ? ` ${note}` : ""}\x1b[K`);
      this.drawn = true;
    } else {
      this.output.warn(`${this.label} ${done}/${total} (${percent.trim()})${note ? ` ${note}` : ""}`);
    }
  }

  /** Ends the redrawn line, so what follows starts on a line of its own. */
  finish(): void {
    if (this.drawn) this.output.writeErr("\n");
    this.drawn = false;
  }
}
