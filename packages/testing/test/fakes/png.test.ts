import { describe, expect, it } from "vitest";
import { crc32, inflateSync } from "node:zlib";
import { readPngSize, tinyPng } from "../../src/index.js";

/** Splits a PNG into its chunks, checking each CRC on the way. */
function chunks(png: Buffer): { type: string; data: Buffer }[] {
  const found: { type: string; data: Buffer }[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(typeAndData));
    found.push({ type: typeAndData.toString("latin1", 0, 4), data: typeAndData.subarray(4) });
    offset += 12 + length;
  }
  return found;
}

describe("tinyPng", () => {
  it("writes a valid PNG: signature, IHDR, IDAT, IEND with correct CRCs", () => {
    const png = tinyPng(7, 3);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(chunks(png).map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
  });

  it("deflates one filter byte plus RGB triples per scanline", () => {
    const idat = chunks(tinyPng(7, 3)).find((c) => c.type === "IDAT");
    const raw = inflateSync(idat?.data ?? Buffer.alloc(0));
    expect(raw.length).toBe(3 * (1 + 7 * 3));
    expect(raw[0]).toBe(0); // filter type "None"
    expect([...raw.subarray(1, 4)]).toEqual([193, 68, 14]); // the default gradient starts rust-red
  });

  it("differs by colour at the same size", () => {
    expect(tinyPng(5, 5, [0, 0, 0], [255, 255, 255]).equals(tinyPng(5, 5))).toBe(false);
  });

  it("refuses sizes that are not whole pixels from 1 to 4096", () => {
    expect(() => tinyPng(0, 5)).toThrow(/width must be an integer from 1 to 4096/);
    expect(() => tinyPng(5, 1.5)).toThrow(/height/);
  });
});

describe("readPngSize", () => {
  it("reads width and height from the header", () => {
    expect(readPngSize(tinyPng(41, 17))).toEqual({ width: 41, height: 17 });
  });

  it("refuses data that is not a PNG", () => {
    expect(() => readPngSize(Buffer.from("<html>not an image</html>"))).toThrow(/PNG signature/);
  });
});
