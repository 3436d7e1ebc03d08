import { describe, expect, it } from "vitest";
import { ConfigError, InvalidInputError } from "../lib/errors";
import type { LookupAddress } from "node:dns";
import { isPublicAddress, NonPublicAddressError, publicOnlyLookup } from "../lib/public-address";
import { checkPageUrl, MAX_URL_LENGTH, type UrlPolicy } from "../lib/url-policy";

const demo: UrlPolicy = { mode: "demo", pagesUrl: "http://127.0.0.1:40123" };
const production: UrlPolicy = { mode: "production" };

function refusal(input: unknown, policy: UrlPolicy): string {
  try {
    checkPageUrl(input, policy);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe("url");
    return (error as Error).message;
  }
  throw new Error(`${String(input)} was accepted`);
}

describe("submitted URLs, in every mode", () => {
  it("must be http or https", () => {
    for (const url of ["javascript:alert(1)//", "file:///etc/passwd", "ftp://example.org/x", "data:text/html,hi"]) {
      expect(refusal(url, production)).toMatch(/Only http:\/\/ and https:\/\/|not a URL/);
    }
  });

  it("get http:// when they have no scheme, as in the realpython app", () => {
    expect(checkPageUrl("example.org/page", production).href).toBe("http://example.org/page");
  });

  it(`are at most ${MAX_URL_LENGTH} characters, non-empty strings, without credentials`, () => {
    expect(refusal(`https://example.org/${"a".repeat(MAX_URL_LENGTH)}`, production)).toMatch(/at most 2048 are accepted/);
    expect(refusal("  ", production)).toBe("Enter the URL of a web page");
    expect(refusal(42, production)).toBe("Enter the URL of a web page");
    expect(refusal("https://user:secret@example.org/", production)).toMatch(/user name or password/);
  });
});

describe("demo mode", () => {
  it("accepts pages of the fixture pages server only", () => {
    expect(checkPageUrl("http://127.0.0.1:40123/articles/tide-pools.html", demo).pathname).toBe("/articles/tide-pools.html");
    expect(refusal("https://example.org/", demo)).toBe("In demo mode only pages of the fixture pages server (http://127.0.0.1:40123) can be counted");
    expect(refusal("http://127.0.0.1:6379/", demo)).toMatch(/only pages of the fixture pages server/);
  });

  it("refuses every URL, naming the variable to set, when no fixture pages server is configured", () => {
    expect(() => checkPageUrl("http://127.0.0.1:40123/", { mode: "demo" })).toThrow(ConfigError);
    expect(() => checkPageUrl("http://127.0.0.1:40123/", { mode: "demo" })).toThrow(/LONG_TASKS_PAGES_URL/);
  });
});

describe("production mode", () => {
  it("accepts public hosts", () => {
    expect(checkPageUrl("https://python-rq.org/docs/", production).host).toBe("python-rq.org");
    expect(checkPageUrl("http://93.184.215.14/", production).host).toBe("93.184.215.14");
  });

  it("refuses local names and addresses that are not public", () => {
    for (const url of [
      "http://localhost:3000/",
      "http://app.localhost/",
      "http://printer.local/",
      "http://metadata.google.internal/",
      "http://127.0.0.1/",
      "http://10.1.2.3/",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
      "http://0.0.0.0/",
    ]) {
      expect(refusal(url, production), url).toMatch(/local name|not a public address/);
    }
  });

  it("keeps to LONG_TASKS_ALLOWED_HOSTS when it is set; a leading dot allows subdomains", () => {
    const policy: UrlPolicy = { mode: "production", allowedHosts: ["python-rq.org", ".wikipedia.org"] };
    expect(checkPageUrl("https://python-rq.org/", policy).host).toBe("python-rq.org");
    expect(checkPageUrl("https://en.wikipedia.org/wiki/Queue", policy).host).toBe("en.wikipedia.org");
    expect(refusal("https://docs.python-rq.org/", policy)).toMatch(/not among the allowed hosts/);
  });
});

describe("isPublicAddress", () => {
  it("is false for loopback, private, link-local, CGNAT, multicast and documentation ranges, v4 and v6", () => {
    for (const address of ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "224.0.0.1", "192.0.2.1", "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1", "not an ip"]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it("is true for public addresses", () => {
    for (const address of ["93.184.215.14", "1.1.1.1", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });
});

describe("publicOnlyLookup, the connection's DNS lookup in production mode", () => {
  const lookup = (hostname: string, all: boolean) =>
    new Promise<{ error: Error | null; result: unknown }>((resolve) => {
      publicOnlyLookup(hostname, { all }, ((error: Error | null, address: string | LookupAddress[], family?: number) =>
        resolve({ error, result: all ? address : [address, family] })) as never);
    });

  it("resolves a public address, in both of the forms Node asks for", async () => {
    expect(await lookup("1.1.1.1", true)).toEqual({ error: null, result: [{ address: "1.1.1.1", family: 4 }] });
    expect(await lookup("1.1.1.1", false)).toEqual({ error: null, result: ["1.1.1.1", 4] });
  });

  it("fails a name that resolves to a loopback or private address, before any connection", async () => {
    const { error } = await lookup("localhost", true);
    expect(error).toBeInstanceOf(NonPublicAddressError);
    expect(error?.message).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), which is not a public address/);
    expect((await lookup("10.0.0.7", false)).error).toBeInstanceOf(NonPublicAddressError);
  });
});
