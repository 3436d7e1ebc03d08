import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPort, freePort, isPortFree } from "../src/index.js";

let busy: Server;
let busyPort: number;

beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
  busyPort = (busy.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

describe("demoPort", () => {
  it("takes the port given, when it is free", async () => {
    const port = await freePort();
    expect(await demoPort(String(port), 1)).toBe(port);
  });

  it("refuses a given port that is taken or is not a port, saying why", async () => {
    await expect(demoPort(String(busyPort), 3000)).rejects.toThrow(`port ${busyPort} (PORT) is in use: choose another one, or unset PORT`);
    await expect(demoPort("http", 3000)).rejects.toThrow('PORT must be a port number from 1 to 65535, got "http"');
  });

  it("without one, takes the preferred port when free, else any free port", async () => {
    const preferred = await freePort();
    expect(await demoPort(undefined, preferred)).toBe(preferred);
    const other = await demoPort(undefined, busyPort);
    expect(other).not.toBe(busyPort);
    expect(await isPortFree(other)).toBe(true);
    expect(await isPortFree(busyPort)).toBe(false);
  });
});
