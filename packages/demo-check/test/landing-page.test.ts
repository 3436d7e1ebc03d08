/**
 * The landing page on its own (scripts/landing.mjs): rows from the apps it is given, every value
 * escaped, statuses from the app's process and its port, and nothing but GET and HEAD.
 */
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// scripts/ is plain JavaScript (it runs before anything is built); allowJs lets TypeScript read its types.
import { escapeHtml, startLandingPage } from "../../../scripts/landing.mjs";

let landing: { url: string; close(): Promise<void> };
let listening: Server;
let listeningUrl: string;
const apps: { name: string; description: string; url: string; exitCode(): number | null }[] = [];

beforeAll(async () => {
  listening = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  listeningUrl = `http://127.0.0.1:${(listening.address() as { port: number }).port}`;
  apps.push(
    { name: "up", description: `<script>alert("x")</script> & 'more'`, url: listeningUrl, exitCode: () => null },
    { name: "down", description: "never listened", url: "http://127.0.0.1:1", exitCode: () => null },
    { name: "ended", description: "exited on its own", url: listeningUrl, exitCode: () => 3 },
  );
  landing = await startLandingPage({ apps, redisLabel: "a <test> Redis", port: 0 });
});

afterAll(async () => {
  await landing.close();
  listening.close();
});

describe("the landing page", () => {
  it("escapes every character that HTML gives a meaning", () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
  });

  it("shows each app's description as text, never as markup", async () => {
    const html = await (await fetch(landing.url)).text();
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;more&#39;");
    expect(html).toContain("a &lt;test&gt; Redis");
  });

  it("reports running, starting or exited for each app", async () => {
    const rows = (await (await fetch(`${landing.url}/status.json`)).json()) as { name: string; status: string }[];
    expect(rows.map((row) => [row.name, row.status])).toEqual([
      ["up", "running"],
      ["down", "starting"],
      ["ended", "exited (code 3)"],
    ]);
  });

  it("shows apps added after it started", async () => {
    apps.push({ name: "late", description: "joined later", url: listeningUrl, exitCode: () => null });
    const html = await (await fetch(landing.url)).text();
    expect(html).toContain('data-app="late"');
    apps.pop();
  });

  it("refuses other methods and unknown paths", async () => {
    const post = await fetch(landing.url, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    expect((await fetch(`${landing.url}/etc/passwd`)).status).toBe(404);
  });

  it("sends a Content-Security-Policy that allows no script", async () => {
    const policy = (await fetch(landing.url)).headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain("script-src");
  });
});
