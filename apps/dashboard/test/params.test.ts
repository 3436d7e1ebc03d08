import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../lib/errors";
import { formatSeconds, progressFraction, toJsonText } from "../lib/format";
import { lastPage, pageWindow } from "../lib/pagination";
import {
  parseInstance,
  parseJobId,
  parseJobList,
  parseListingQuery,
  parseQueueName,
  parseReturnPath,
  parseSearchQuery,
  pathSegment,
} from "../lib/params";
import { readSettings } from "../lib/settings";

describe("request values", () => {
  const settings = readSettings({ DASHBOARD_REDIS_URLS: "redis://a:1,redis://b:2" });

  it("names a configured Redis instance by its index", () => {
    expect(parseInstance("1", settings).url).toBe("redis://b:2");
    for (const bad of ["2", "-1", "01x", "", undefined, "1e0"]) {
      expect(() => parseInstance(bad, settings), String(bad)).toThrow(InvalidInputError);
    }
  });

  it("accepts queue names RQ accepts, refusing empty, huge and control-character names", () => {
    expect(parseQueueName("emails.high-priority/eu")).toBe("emails.high-priority/eu");
    expect(() => parseQueueName("")).toThrow("queue is missing: give a queue name");
    expect(() => parseQueueName("q".repeat(256))).toThrow("queue is longer than 255 characters");
    expect(() => parseQueueName("bad\u0000name")).toThrow("queue contains control characters");
  });

  it("accepts job ids without spaces", () => {
    expect(parseJobId(" 6c0a4b8e-2d6e-4c39-9d0c-1f5b8f0e8a11 ")).toBe("6c0a4b8e-2d6e-4c39-9d0c-1f5b8f0e8a11");
    expect(() => parseJobId("two words")).toThrow("job id contains spaces");
    expect(() => parseJobId(undefined)).toThrow("job id is missing: give a job id");
  });

  it("accepts the seven list names only", () => {
    expect(parseJobList("failed")).toBe("failed");
    expect(() => parseJobList("failed-emails")).toThrow('list must be one of queued, started, deferred, scheduled, finished, failed, canceled, got "failed-emails"');
  });

  it("decodes percent-encoded path segments and refuses malformed ones", () => {
    expect(pathSegment("a%2Fb%25c.%C3%A9")).toBe("a/b%c.é");
    expect(() => pathSegment("%E0%A4%A")).toThrow(InvalidInputError);
  });

  it("reads page, jobs per page and order, with defaults that show what matters first", () => {
    expect(parseListingQuery({}, "queued")).toEqual({ page: 1, perPage: 20, order: "oldest" });
    expect(parseListingQuery({}, "failed")).toEqual({ page: 1, perPage: 20, order: "newest" });
    expect(parseListingQuery({ page: "3", perPage: "200", order: "oldest" }, "failed")).toEqual({ page: 3, perPage: 200, order: "oldest" });
  });

  it("refuses pages that are not positive whole numbers, over-large pages and repeated parameters", () => {
    expect(() => parseListingQuery({ page: "0" }, "queued")).toThrow('page must be a whole number from 1 to 1000000000, got "0"');
    expect(() => parseListingQuery({ page: "1.5" }, "queued")).toThrow(InvalidInputError);
    expect(() => parseListingQuery({ perPage: "201" }, "queued")).toThrow('perPage must be a whole number from 1 to 200, got "201"');
    expect(() => parseListingQuery({ order: "random" }, "queued")).toThrow('order must be "oldest" or "newest", got "random"');
    expect(() => parseListingQuery({ page: ["1", "2"] }, "queued")).toThrow("page was given more than once");
  });

  it("reads the search box: empty means no search", () => {
    expect(parseSearchQuery(undefined)).toBeUndefined();
    expect(parseSearchQuery("  ")).toBeUndefined();
    expect(parseSearchQuery(" abc ")).toBe("abc");
  });

  it("returns plain form posts to a path of this dashboard only", () => {
    expect(parseReturnPath("/0/queues/emails/failed?page=2")).toBe("/0/queues/emails/failed?page=2");
    for (const bad of ["//evil.example/x", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", undefined, "/a b"]) {
      expect(parseReturnPath(bad), String(bad)).toBe("/");
    }
    expect(parseReturnPath("/rq/0/workers", "/rq")).toBe("/rq/0/workers");
    expect(parseReturnPath("/other/0", "/rq")).toBe("/rq/");
  });
});

describe("page links", () => {
  it("counts at least one page", () => {
    expect([lastPage(0, 20), lastPage(20, 20), lastPage(21, 20), lastPage(100_000, 20)]).toEqual([1, 1, 2, 5000]);
  });

  it("links the first, the last and the pages around the current one, with gaps between", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 5000)).toEqual([1, 2, 3, "gap", 5000]);
    expect(pageWindow(2500, 5000)).toEqual([1, "gap", 2498, 2499, 2500, 2501, 2502, "gap", 5000]);
    expect(pageWindow(4, 6)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe("how values are shown", () => {
  it("formats durations from milliseconds to days", () => {
    expect([0.25, 42, 185, 7800, 3 * 86_400 + 4 * 3600].map(formatSeconds)).toEqual(["250 ms", "42 s", "3 min 5 s", "2 h 10 min", "3 d 4 h"]);
  });

  it("reads progress on either scale, 0–1 or 0–100, and ignores what is not a number", () => {
    expect(progressFraction({ progress: 0.25 })).toBe(0.25);
    expect(progressFraction({ progress: 40 })).toBe(0.4);
    expect(progressFraction({ progress: 250 })).toBe(1);
    expect(progressFraction({ progress: "half" })).toBeUndefined();
    expect(progressFraction({})).toBeUndefined();
  });

  it("shows JSON as indented text and describes what JSON cannot hold", () => {
    expect(toJsonText({ a: [1, "<b>"] })).toBe('{\n  "a": [\n    1,\n    "<b>"\n  ]\n}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(toJsonText(cyclic)).toMatch(/^\(cannot be shown as JSON: /);
  });
});
