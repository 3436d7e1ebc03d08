// Which apps the all-in-one demo starts, and on which ports. An app takes part once its package.json
// has a `demo` script (which must honour REDIS_URL and PORT and run until SIGINT/SIGTERM); its
// "description" is the landing page's line about it. So an app finished later joins with no change here.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";

/** The quickstart runs to its end before the apps start: it is the demo's first part, not one of them. */
const ONE_SHOT = "quickstart";
/** Ports people already know these apps by (rq-dashboard's 9181; the tutorials' 3000); others get a free one. */
const PREFERRED_PORTS = { dashboard: 9181, "long-tasks": 3000, "mars-rover": 3001, "goodreads-scraper": 3002 };

/**
 * Every app folder under `root`/apps with a `demo` script, the dashboard first (the long-tasks page
 * links to it), then by name. Each: `{ name, packageName, description, dir, preferredPort }`.
 */
export function discoverApps(root) {
  const appsDir = join(root, "apps");
  return readdirSync(appsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== ONE_SHOT && existsSync(join(appsDir, entry.name, "package.json")))
    .map((entry) => {
      const dir = join(appsDir, entry.name);
      let manifest;
      try {
        manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      } catch (error) {
        throw new Error(`apps/${entry.name}/package.json is not valid JSON (${error.message}): fix it, or move the folder out of apps/`);
      }
      return { name: entry.name, packageName: manifest.name, description: manifest.description ?? "", dir, hasDemo: typeof manifest.scripts?.demo === "string", preferredPort: PREFERRED_PORTS[entry.name] };
    })
    .filter((app) => app.hasDemo)
    .sort((a, b) => (a.name === "dashboard" ? -1 : b.name === "dashboard" ? 1 : a.name.localeCompare(b.name)));
}

function listens(port, host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once("error", reject);
    server.listen(port, host, () => {
      const { port: bound } = server.address(); // read before close(): a closed server has no address
      server.close(() => resolve(bound));
    });
  });
}

/**
 * Returns `pick(preferred)`: the preferred port when nothing listens there, else a free one, never the
 * same port twice (the apps bind theirs only later, so the operating system cannot tell us).
 */
export function portPicker() {
  const given = new Set();
  return async function pick(preferred) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const wanted = attempt === 0 && preferred ? preferred : 0;
      const port = await listens(wanted).catch(() => null);
      if (port !== null && !given.has(port)) {
        given.add(port);
        return port;
      }
    }
    throw new Error("could not find a free TCP port on 127.0.0.1");
  };
}
