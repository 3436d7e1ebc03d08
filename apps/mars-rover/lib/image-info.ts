/**
 * What a downloaded photo is: its format and size in pixels, read from the file's header alone (no
 * image library). NASA's raw images are JPEGs; the fake serves PNGs; GIF is cheap to add.
 */

export type ImageFormat = "jpeg" | "png" | "gif";

export interface ImageInfo {
  format: ImageFormat;
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The format and dimensions of a JPEG, PNG or GIF file, or `null` for anything else (or a cut-off header). */
export function readImageInfo(data: Buffer): ImageInfo | null {
  if (data.length >= 24 && data.subarray(0, 8).equals(PNG_SIGNATURE) && data.toString("latin1", 12, 16) === "IHDR") {
    return sized("png", data.readUInt32BE(16), data.readUInt32BE(20));
  }
  if (data.length >= 10 && /^GIF8[79]a$/.test(data.toString("latin1", 0, 6))) {
    return sized("gif", data.readUInt16LE(6), data.readUInt16LE(8));
  }
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) return readJpeg(data);
  return null;
}

/**
 * A JPEG is a list of segments (`FF`, marker, 2-byte length, payload). The frame header — a SOF marker,
 * C0 to CF except C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding) — holds the size: one
 * byte of precision, then height and width.
 */
function readJpeg(data: Buffer): ImageInfo | null {
  let offset = 2;
  while (offset + 4 <= data.length) {
    if (data[offset] !== 0xff) return null;
    const marker = data[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    // Markers without a payload: TEM and RST0..RST7 (SOI and EOI cannot appear here in a valid file).
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    const length = data.readUInt16BE(offset + 2);
    if (length < 2) return null;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (offset + 9 > data.length) return null;
      return sized("jpeg", data.readUInt16BE(offset + 7), data.readUInt16BE(offset + 5));
    }
    if (marker === 0xda) return null; // image data started without a frame header
    offset += 2 + length;
  }
  return null;
}

function sized(format: ImageFormat, width: number, height: number): ImageInfo | null {
  return width > 0 && height > 0 ? { format, width, height } : null;
}
