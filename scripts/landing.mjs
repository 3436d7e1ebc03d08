// The all-in-one demo's landing page (plain node:http, no dependencies): one row per app, with what it
// shows, its URL and whether it answers yet. scripts/demo.mjs starts it; tests read `/status.json`.
//   GET /             the page (HTML, every value escaped; it reloads itself every few seconds)
//   GET /status.json  the same rows as JSON: [{ name, description, url, status }]
// Status: "exited (code N)" once the app's demo process ended, else "running" when its web server
// accepts connections, else "starting".
import http from "node:http";
import net from "node:net";

const REFRESH_SECONDS = 3;
const PROBE_TIMEOUT_MS = 1000;

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

/**
 * Whether the app's web server accepts connections at `url`. A TCP connection, not a page request: the
 * page reloads every few seconds, and rendering six apps' pages each time would load a small machine.
 * The apps' demos open their port only once `next start` is ready.
 */
function answers(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    const done = (ok) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(false));
    socket.once("connect", () => done(true)).once("error", () => done(false));
  });
}

/** The rows shown, probed now. Each app is `{ name, description, url, exitCode() }` (exitCode: null while it runs). */
async function readRows(apps) {
  return Promise.all(
    apps.map(async (app) => {
      const exitCode = app.exitCode();
      const status = exitCode !== null ? `exited (code ${exitCode})` : (await answers(app.url)) ? "running" : "starting";
      return { name: app.name, description: app.description, url: app.url, status };
    }),
  );
}

function renderPage(rows, redisLabel) {
  const row = ({ name, description, url, status }) => `
      <tr data-app="${escapeHtml(name)}">
        <td><a href="${escapeHtml(url)}">${escapeHtml(name)}</a></td>
        <td>${escapeHtml(description)}</td>
        <td><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></td>
        <td class="status ${escapeHtml(status.split(" ")[0])}">${escapeHtml(status)}</td>
      </tr>`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="refresh" content="${REFRESH_SECONDS}">
  <title>rqts demo</title>
  <style>
    body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
    .running { color: #176b2c; } .starting { color: #8a6d00; } .exited { color: #a11; }
    .muted { color: #666; }
  </style>
</head>
<body>
  <h1>rqts demo</h1>
  <p>Every example app, each with its own worker and local fakes, on ${escapeHtml(redisLabel)}. Press Ctrl-C in the demo's terminal to stop them all.</p>
  <table aria-label="Apps">
    <thead><tr><th>App</th><th>What it shows</th><th>URL</th><th>Status</th></tr></thead>
    <tbody>${rows.map(row).join("")}
    </tbody>
  </table>
  <p class="muted">This page reloads every ${REFRESH_SECONDS} s. The same as JSON: <a href="/status.json">/status.json</a>.</p>
</body>
</html>
`;
}

const SECURITY_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
};

/**
 * Serves the landing page on `host`:`port` (port 0: any free one). `apps` may grow after the start.
 * Resolves `{ url, close() }` once it listens; rejects when the port is taken.
 */
export function startLandingPage({ apps, redisLabel, port, host = "127.0.0.1" }) {
  const server = http.createServer(async (request, response) => {
    const send = (status, type, body) => {
      response.writeHead(status, { ...SECURITY_HEADERS, "Content-Type": `${type}; charset=utf-8` });
      response.end(request.method === "HEAD" ? undefined : body);
    };
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.setHeader("Allow", "GET, HEAD");
      return send(405, "text/plain", "The landing page only answers GET and HEAD\n");
    }
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (path === "/") return send(200, "text/html", renderPage(await readRows(apps), redisLabel));
    if (path === "/status.json") return send(200, "application/json", `${JSON.stringify(await readRows(apps))}\n`);
    return send(404, "text/plain", `Nothing at ${path}: the landing page is at /\n`);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const { port: bound } = server.address();
      resolve({ url: `http://${host}:${bound}`, close: () => new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections(); // browsers keep connections open: do not wait for them
      }) });
    });
  });
}
