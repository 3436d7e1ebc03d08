/**
 * A local stand-in for the TLE source (CelesTrak's `gp.php?CATNR=25544&FORMAT=TLE` in production), for
 * the demo and tests: it serves the bundled TLE, or whatever text a test sets, at `/iss.txt` on 127.0.0.1.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { BUNDLED_TLE_TEXT } from "./tle";

export interface TleFixtureServer {
  /** The URL to set as ISS_TLE_URL. */
  readonly tleUrl: string;
  /** Changes what the next request gets, and with which status. */
  serve(text: string, status?: number): void;
  close(): Promise<void>;
}

export async function startTleFixtureServer(): Promise<TleFixtureServer> {
  let body = BUNDLED_TLE_TEXT;
  let status = 200;
  const server = createServer((request, response) => {
    const found = request.method === "GET" && request.url === "/iss.txt";
    response.writeHead(found ? status : 404, { "Content-Type": "text/plain; charset=utf-8" }).end(found ? body : "not found\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    tleUrl: `http://127.0.0.1:${port}/iss.txt`,
    serve(text, newStatus = 200) {
      body = text;
      status = newStatus;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections()),
  };
}
