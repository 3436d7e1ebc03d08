/**
 * Where a command writes: results to stdout, progress and problems to stderr, colour only on a
 * terminal (and never with NO_COLOR set), JSON as one document per line.
 */

type Style = "bold" | "dim" | "red" | "green" | "yellow" | "cyan";

const CODES: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
};

export class Output {
  readonly color: boolean;

  constructor(
    private readonly stdout: NodeJS.WriteStream = process.stdout,
    private readonly stderr: NodeJS.WriteStream = process.stderr,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.color = stdout.isTTY === true && !env.NO_COLOR && env.TERM !== "dumb";
  }

  /** Whether stderr is a terminal (progress bars redraw in place there). */
  get stderrIsTerminal(): boolean {
    return this.stderr.isTTY === true;
  }

  /** Writes lines to stdout. */
  print(...lines: string[]): void {
    this.stdout.write(lines.map((line) => `${line}\n`).join(""));
  }

  /** Writes raw text to stdout (for redrawing in place). */
  write(text: string): void {
    this.stdout.write(text);
  }

  /** One JSON document on one line of stdout. */
  json(value: unknown): void {
    this.stdout.write(`${JSON.stringify(value)}\n`);
  }

  /** Writes lines to stderr. */
  warn(...lines: string[]): void {
    this.stderr.write(lines.map((line) => `${line}\n`).join(""));
  }

  /** Raw text to stderr (progress bars). */
  writeErr(text: string): void {
    this.stderr.write(text);
  }

  /** `text` in a style when colour is on. */
  paint(style: Style, text: string): string {
    if (!this.color) return text;
    const [on, off] = CODES[style];
    return `\x1b[${on}m${text}\x1b[${off}m`;
  }
}
