import { describe, expect, it } from "vitest";
import { tinyPng } from "@rqts/testing";
import { readImageInfo } from "../lib/image-info";

/** The start of a baseline JPEG: SOI, an APP0 (JFIF) segment, then a SOF0 frame header of `width` × `height`. */
function jpegHeader(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof0 = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, Buffer.from([0xff]) /* a fill byte */, sof0]);
}

describe("readImageInfo", () => {
  it("reads a PNG's size from its IHDR chunk", () => {
    expect(readImageInfo(tinyPng(37, 21))).toEqual({ format: "png", width: 37, height: 21 });
  });

  it("reads a JPEG's size from its frame header, past other segments and fill bytes", () => {
    expect(readImageInfo(jpegHeader(1344, 1200))).toEqual({ format: "jpeg", width: 1344, height: 1200 });
  });

  it("reads a GIF's size from its screen descriptor", () => {
    const gif = Buffer.concat([Buffer.from("GIF89a", "latin1"), Buffer.from([0x40, 0x01, 0xf0, 0x00])]);
    expect(readImageInfo(gif)).toEqual({ format: "gif", width: 320, height: 240 });
  });

  it("says null for what is not an image it knows, or a header cut short", () => {
    expect(readImageInfo(Buffer.from("<html>not a photo</html>"))).toBeNull();
    expect(readImageInfo(tinyPng(4, 4).subarray(0, 20))).toBeNull();
    expect(readImageInfo(jpegHeader(10, 10).subarray(0, 25))).toBeNull();
    expect(readImageInfo(Buffer.alloc(0))).toBeNull();
  });
});
