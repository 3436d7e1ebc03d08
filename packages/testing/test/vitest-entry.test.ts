import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { useRedis } from "../src/vitest.js";

const src = join(dirname(fileURLToPath(import.meta.url)), "..", "src");

/** The packages `file` (in src/) imports, and those the files it imports import, in turn (static imports only). */
function packagesImportedFrom(file: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  const text = readFileSync(join(src, file), "utf8");
  for (const [, specifier] of text.matchAll(/^\s*(?:import|export)\b[^;"]*?"([^"]+)"/gm)) {
    if (specifier!.startsWith("./")) {
      const next = join(dirname(file), specifier!).replace(/\.js$/, ".ts");
      for (const name of packagesImportedFrom(next, seen)) packages.add(name);
    } else {
      packages.add(specifier!);
    }
  }
  return packages;
}

describe("entries", () => {
  it("the main entry never loads vitest; the vitest entry does", () => {
    const main = packagesImportedFrom("index.ts");
    expect(main).toContain("ioredis"); // the walk does reach the modules behind index.ts
    expect(main).not.toContain("vitest");
    expect(packagesImportedFrom("vitest.ts")).toContain("vitest");
  });
});

let firstUrl = "";

describe("useRedis", () => {
  const ctx = useRedis();

  it("gives the file a private server and a client of it", async () => {
    expect(ctx.server.port).not.toBe(6379);
    expect(ctx.server.url).toBe(`redis://127.0.0.1:${ctx.server.port}`);
    await ctx.redis.set("k", "v");
    expect(await ctx.server.client().get("k")).toBe("v");
    firstUrl = ctx.server.url;
  });
});

describe("after the block that used useRedis", () => {
  it("its server is stopped", async () => {
    expect(firstUrl).not.toBe("");
    const probe = new Redis(firstUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on("error", () => undefined);
    await expect(probe.connect()).rejects.toThrow();
    probe.disconnect();
  });
});
