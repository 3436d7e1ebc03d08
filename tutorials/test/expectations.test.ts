import { describe, expect, it } from "vitest";
import { cleanOutput, matchCheckpoint, substitute } from "../runner/expectations.js";

describe("matching a checkpoint", () => {
  const output = ["> npm run pages", "", "Fixture pages server at http://127.0.0.1:40123", "  http://127.0.0.1:40123/a.html (335 words)", "done"].join("\n");

  it("finds each line as a whole output line, in order, with other lines in between", () => {
    expect(matchCheckpoint("Fixture pages server at http://127.0.0.1:40123\ndone", output, [])).toEqual({ ok: true, captured: new Map() });
  });

  it("fails on the first line it cannot find, or finds only out of order", () => {
    expect(matchCheckpoint("done\nFixture pages server at http://127.0.0.1:40123", output, [])).toEqual({
      ok: false,
      missing: "Fixture pages server at http://127.0.0.1:40123",
    });
    expect(matchCheckpoint("Fixture pages server", output, [])).toMatchObject({ ok: false }); // part of a line is not enough
  });

  it("reads … as any text within a line", () => {
    expect(matchCheckpoint("Fixture … at http://…:40123\nhttp://…/a.html (… words)", output, []).ok).toBe(true);
  });

  it("captures the value a vary token stands for, and requires the same value where it occurs again", () => {
    const result = matchCheckpoint("Fixture pages server at http://127.0.0.1:41234\nhttp://127.0.0.1:41234/a.html (335 words)", output, ["41234"]);
    expect(result).toEqual({ ok: true, captured: new Map([["41234", "40123"]]) });
    const mixed = "port 40123\nport 40999";
    expect(matchCheckpoint("port 41234\nport 41234", mixed, ["41234"]).ok).toBe(false);
  });

  it("captures values without quotes or spaces, as ids in JSON", () => {
    const json = '{"status":"success","data":{"task_id":"0b8f-77"}}';
    const result = matchCheckpoint('{"status":"success","data":{"task_id":"7c9e-00"}}', json, ["7c9e-00"]);
    expect(result).toEqual({ ok: true, captured: new Map([["7c9e-00", "0b8f-77"]]) });
  });

  it("reads output as a terminal shows it: colours, carriage returns and CRLF resolved", () => {
    expect(cleanOutput("\x1b[32m✓\x1b[39m Ready\r\nstep 1\rstep 2\n")).toBe("✓ Ready\nstep 2\n");
  });
});

describe("substituting example values", () => {
  it("replaces whole words only, so a port does not change inside a longer number", () => {
    const substitutions = new Map([["3000", "41999"]]);
    expect(substitute("curl http://127.0.0.1:3000/tasks; sleep 30000", substitutions)).toBe("curl http://127.0.0.1:41999/tasks; sleep 30000");
  });
});
