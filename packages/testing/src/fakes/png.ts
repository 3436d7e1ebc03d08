/**
 * Tiny PNG images generated in code, so fakes can serve real, decodable pictures
 * (rover photos, book covers) without shipping binary fixtures.
 *
 * A PNG is an 8-byte signature followed by chunks (length, type, data, CRC-32):
 * IHDR (size and pixel format), IDAT (the zlib-deflated scanlines) and IEND.
 * We write 8-bit RGB with filter type 0 on every scanline: the simplest valid form.
 */
import { deflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_SIDE = 4096;

/** An RGB colour, each channel 0..255. */
export type Rgb = readonly [number, number, number];

/**
 * A PNG of `width` × `height` pixels: a diagonal gradient from `from` to `to`,
 * so two images of the same size but different colours differ in bytes.
 */
export function tinyPng(width: number, height: number, from: Rgb = [193, 68, 14], to: Rgb = [240, 190, 140]): Buffer {
  for (const [name, side] of [["width", width], ["height", height]] as const) {
    if (!Number.isInteger(side) || side < 1 || side > MAX_SIDE) {
      throw new RangeError(`tinyPng: ${name} must be an integer from 1 to ${MAX_SIDE}, got ${side}`);
    }
  }
  const rowLength = 1 + width * 3; // a filter-type byte, then RGB triples
  const raw = Buffer.alloc(rowLength * height);
  const span = Math.max(1, width + height - 2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x + y) / span;
      const offset = y * rowLength + 1 + x * 3;
      for (let c = 0; c < 3; c++) raw[offset + c] = Math.round(from[c]! + (to[c]! - from[c]!) * t);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB), deflate, adaptive filtering, no interlace
  return Buffer.concat([SIGNATURE, chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

/** Reads the width and height from a PNG's IHDR chunk; throws if `data` is not a PNG. */
export function readPngSize(data: Uint8Array): { width: number; height: number } {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buffer.length < 24 || !buffer.subarray(0, 8).equals(SIGNATURE) || buffer.toString("latin1", 12, 16) !== "IHDR") {
    throw new TypeError("readPngSize: data does not start with a PNG signature and IHDR chunk");
  }
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

// zlib.crc32 only arrived in Node 20.15 and the repo supports 20.12, so keep the classic table-driven CRC.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
