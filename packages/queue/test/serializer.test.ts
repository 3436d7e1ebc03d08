import { describe, expect, it } from "vitest";
import { deflateSync, inflateSync } from "node:zlib";
import {
  decodeExcString,
  decodeMeta,
  decodePayload,
  decodeReturnValue,
  encodeExcString,
  encodePayload,
  encodeReturnValue,
  zlibRead,
  zlibStore,
} from "../src/serializer.js";
import { MalformedJobError } from "../src/errors.js";

describe("zlib stored blocks", () => {
  it("writes zlib that a standard inflater reads back byte for byte", () => {
    for (const size of [0, 1, 100, 65_535, 65_536, 200_000]) {
      const input = Buffer.alloc(size, 0).map((_, i) => (i * 31 + 7) % 256);
      expect(inflateSync(zlibStore(input)).equals(Buffer.from(input))).toBe(true);
    }
  });

  it("reads real compressed zlib, as Python RQ writes it", () => {
    const text = '["probe_tasks.add", null, [2, 3], {}]';
    expect(zlibRead(deflateSync(Buffer.from(text))).toString()).toBe(text);
  });

  it("falls back to the raw bytes when they are not zlib, as RQ does", () => {
    expect(zlibRead(Buffer.from('["t", null, [], {}]')).toString()).toBe('["t", null, [], {}]');
  });
});

describe("job payload", () => {
  it("round-trips RQ's [func_name, null, args, kwargs] tuple", () => {
    const payload = { taskName: "mod.fn", args: [1, "é", { a: [true] }], kwargs: { k: 2 } };
    expect(JSON.parse(inflateSync(encodePayload(payload)).toString())).toEqual(["mod.fn", null, payload.args, { k: 2 }]);
    expect(decodePayload(encodePayload(payload))).toEqual(payload);
  });

  it("decodes Python RQ 2.10's exact data bytes", () => {
    // rq:job:job-ok's data from RQ 2.10 (JSONSerializer): ["probe_tasks.add", null, [2, 3], {}]
    const bytes = Buffer.from("789c8b562a28ca4f4a8d2f492cce2ed64b4c4951d251c82bcdc9d1518836d251308ed551a8ae8d0500f1230bf1", "hex");
    expect(decodePayload(bytes)).toEqual({ taskName: "probe_tasks.add", args: [2, 3], kwargs: {} });
  });

  it.each([
    ["no data", undefined, /no `data`/],
    ["garbage bytes", Buffer.from([0x78, 0x9c, 1, 2, 3]), /not JSON/],
    ["pickle-looking bytes", Buffer.from([0x80, 0x05, 0x95]), /pickle/],
    ["an object instead of the tuple", Buffer.from('{"a":1}'), /JSON array/],
    ["a numeric task name", Buffer.from("[5, null, [], {}]"), /task name/],
    ["args that are not an array", Buffer.from('["t", null, "x", {}]'), /arguments must be a JSON array/],
    ["kwargs that are not an object", Buffer.from('["t", null, [], [1]]'), /keyword arguments/],
    ["an instance method", Buffer.from('["t", {"self": 1}, [], {}]'), /instance/],
  ])("rejects %s with a clear MalformedJobError", (_, bytes, message) => {
    expect(() => decodePayload(bytes as Buffer | undefined)).toThrow(MalformedJobError);
    expect(() => decodePayload(bytes as Buffer | undefined)).toThrow(message);
  });
});

describe("results and meta", () => {
  it("stores return values as base64 JSON and omits null", () => {
    expect(encodeReturnValue(5)).toBe("NQ==");
    expect(encodeReturnValue(null)).toBeUndefined();
    expect(encodeReturnValue(undefined)).toBeUndefined();
    expect(decodeReturnValue(encodeReturnValue({ a: [1, "b"] }))).toEqual({ a: [1, "b"] });
  });

  it("stores RQ's text for values JSON cannot hold", () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(decodeReturnValue(encodeReturnValue(circular))).toBe("Unserializable return value");
    expect(decodeReturnValue(encodeReturnValue(10n))).toBe("Unserializable return value");
  });

  it("stores error text as base64 zlib", () => {
    const text = "Traceback\nValueError: kaput";
    expect(decodeExcString(encodeExcString(text))).toBe(text);
    expect(inflateSync(Buffer.from(encodeExcString(text), "base64")).toString()).toBe(text);
  });

  it("reads meta that is not a JSON object as empty", () => {
    expect(decodeMeta('{"owner": "py"}')).toEqual({ owner: "py" });
    expect(decodeMeta("not json")).toEqual({});
    expect(decodeMeta("[1]")).toEqual({});
    expect(decodeMeta(undefined)).toEqual({});
  });
});
