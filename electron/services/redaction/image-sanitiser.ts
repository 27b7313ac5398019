/**
 * Images for a release, re-encoded from pixels so that no metadata survives: EXIF (camera, GPS,
 * maker notes, thumbnails), XMP, IPTC, ICC profiles, comments and text chunks are simply never
 * written, because the output is built from the decoded pixels alone. The EXIF orientation is
 * applied to the pixels first (so the image still looks the way it was taken) and then not written.
 * Regions the reviewer chose are blacked out in the oriented image's coordinates.
 *
 * Everything happens in memory: the caller reads the original from the encrypted store and writes
 * the result back into it. Declared dimensions are checked before any decoding, so a small file
 * that claims a huge image (a decompression bomb) is refused without allocating it.
 * Colour: an embedded ICC profile is dropped, not converted; images in wide-gamut spaces
 * (Display P3) come out slightly less saturated. That is the price of writing no profile.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { UserError } from '@shared/errors';

export type ImageKind = 'jpeg' | 'png';

/** Largest image accepted, in pixels (50 MP: 200 MB of RGBA, twice while rotating). */
export const MAX_IMAGE_PIXELS = 50_000_000;
/** Largest side accepted. */
export const MAX_IMAGE_SIDE = 30_000;
/** Largest encoded image read into memory. */
export const MAX_IMAGE_BYTES = 128 * 1024 * 1024;
const JPEG_QUALITY = 90;

export interface ImageInfo {
  kind: ImageKind;
  /** As stored. */
  width: number;
  height: number;
  /** EXIF orientation 1–8 (1 when absent or unreadable). */
  orientation: number;
  /** As displayed, after orientation. */
  orientedWidth: number;
  orientedHeight: number;
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SanitisedImage {
  bytes: Buffer;
  kind: ImageKind;
  mediaType: string;
  extension: string;
  width: number;
  height: number;
}

export function sniffImageKind(bytes: Buffer): ImageKind | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  return undefined;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function unreadable(detail: string): UserError {
  return new UserError('image-unreadable', `The image cannot be read (${detail}); it is left out of the release`);
}

// ---------------------------------------------------------------------------------------------
// Headers: dimensions and orientation, without decoding

/** Orientation from a TIFF structure (the body of an EXIF APP1 segment or a PNG eXIf chunk). */
export function tiffOrientation(tiff: Buffer): number {
  if (tiff.length < 8) return 1;
  const order = tiff.toString('latin1', 0, 2);
  const little = order === 'II';
  if (!little && order !== 'MM') return 1;
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) return 1;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return 1;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return 1;
    if (u16(entry) === 0x0112 && u16(entry + 2) === 3) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

function readJpegInfo(bytes: Buffer): Omit<ImageInfo, 'orientedWidth' | 'orientedHeight' | 'kind'> {
  let orientation = 1;
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) throw unreadable('bad JPEG marker');
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset += 2;
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2 || offset + 2 + length > bytes.length) throw unreadable('truncated JPEG segment');
    const body = bytes.subarray(offset + 4, offset + 2 + length);
    if (marker === 0xe1 && body.length > 6 && body.toString('latin1', 0, 6) === 'Exif\0\0') {
      orientation = tiffOrientation(body.subarray(6));
    }
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (body.length < 5) throw unreadable('short JPEG frame header');
      return { height: body.readUInt16BE(1), width: body.readUInt16BE(3), orientation };
    }
    if (marker === 0xda || marker === 0xd9) break;
    offset += 2 + length;
  }
  throw unreadable('no JPEG frame header');
}

function readPngInfo(bytes: Buffer): Omit<ImageInfo, 'orientedWidth' | 'orientedHeight' | 'kind'> {
  if (bytes.length < 33 || bytes.toString('latin1', 12, 16) !== 'IHDR') throw unreadable('no PNG header');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  let orientation = 1;
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    if (offset + 12 + length > bytes.length) break;
    if (type === 'eXIf') orientation = tiffOrientation(bytes.subarray(offset + 8, offset + 8 + length));
    if (type === 'IDAT' || type === 'IEND') break;
    offset += 12 + length;
  }
  return { width, height, orientation };
}

/** Reads the header only; refuses absurd dimensions before anything is decoded. */
export function readImageInfo(bytes: Buffer): ImageInfo {
  const kind = sniffImageKind(bytes);
  if (!kind) throw unreadable('not a JPEG or PNG file');
  const info = kind === 'jpeg' ? readJpegInfo(bytes) : readPngInfo(bytes);
  if (info.width === 0 || info.height === 0) throw unreadable('zero width or height');
  if (info.width > MAX_IMAGE_SIDE || info.height > MAX_IMAGE_SIDE || info.width * info.height > MAX_IMAGE_PIXELS) {
    throw new UserError(
      'image-too-large',
      `The image claims ${info.width}×${info.height} pixels, more than the ${MAX_IMAGE_PIXELS / 1_000_000} megapixels (at most ${MAX_IMAGE_SIDE} a side) a release accepts; it may be a decompression bomb`,
    );
  }
  const swapped = info.orientation >= 5;
  return { kind, ...info, orientedWidth: swapped ? info.height : info.width, orientedHeight: swapped ? info.width : info.height };
}

// ---------------------------------------------------------------------------------------------
// Pixels

interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

function decode(bytes: Buffer, info: ImageInfo): Rgba {
  try {
    if (info.kind === 'jpeg') {
      const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_IMAGE_PIXELS / 1_000_000, maxMemoryUsageInMB: 1024 });
      return { width: image.width, height: image.height, data: image.data };
    }
    const png = PNG.sync.read(bytes);
    return { width: png.width, height: png.height, data: png.data };
  } catch (error) {
    throw unreadable(error instanceof Error ? error.message.slice(0, 80) : 'decoder error');
  }
}

/** Applies EXIF orientation 1–8 to RGBA pixels, giving the image as it is meant to be seen. */
export function orientPixels(image: Rgba, orientation: number): Rgba {
  if (orientation <= 1 || orientation > 8) return image;
  const { width: w, height: h, data } = image;
  const swapped = orientation >= 5;
  const outW = swapped ? h : w;
  const outH = swapped ? w : h;
  const out = new Uint8Array(outW * outH * 4);
  const source = new Uint32Array(data.buffer, data.byteOffset, w * h);
  const target = new Uint32Array(out.buffer);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2: sx = w - 1 - x; sy = y; break;
        case 3: sx = w - 1 - x; sy = h - 1 - y; break;
        case 4: sx = x; sy = h - 1 - y; break;
        case 5: sx = y; sy = x; break;
        case 6: sx = y; sy = h - 1 - x; break;
        case 7: sx = w - 1 - y; sy = h - 1 - x; break;
        default: sx = w - 1 - y; sy = x; break; // 8
      }
      target[y * outW + x] = source[sy * w + sx]!;
    }
  }
  return { width: outW, height: outH, data: out };
}

function blackOut(image: Rgba, regions: readonly Rectangle[]): void {
  for (const region of regions) {
    const x0 = Math.max(0, region.x);
    const y0 = Math.max(0, region.y);
    const x1 = Math.min(image.width, region.x + region.width);
    const y1 = Math.min(image.height, region.y + region.height);
    for (let y = y0; y < y1; y++) {
      const row = y * image.width * 4;
      for (let x = x0; x < x1; x++) {
        const at = row + x * 4;
        image.data[at] = 0;
        image.data[at + 1] = 0;
        image.data[at + 2] = 0;
        image.data[at + 3] = 255;
      }
    }
  }
}

/**
 * Decodes, orients, blacks out and re-encodes. The encoders are handed a fresh
 * {width, height, data} object: jpeg-js would otherwise write back the EXIF and comments it read.
 */
export function sanitiseImage(bytes: Buffer, regions: readonly Rectangle[] = []): SanitisedImage {
  if (bytes.length > MAX_IMAGE_BYTES) throw new UserError('image-too-large', `The image file is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MiB`);
  const info = readImageInfo(bytes);
  const decoded = decode(bytes, info);
  if (decoded.width !== info.width || decoded.height !== info.height) throw unreadable('the header and the pixels disagree on the size');
  const oriented = orientPixels(decoded, info.orientation);
  blackOut(oriented, regions);
  const pixels = { width: oriented.width, height: oriented.height, data: Buffer.from(oriented.data.buffer, oriented.data.byteOffset, oriented.data.byteLength) };
  if (info.kind === 'jpeg') {
    const encoded = jpeg.encode(pixels, JPEG_QUALITY);
    return { bytes: Buffer.from(encoded.data), kind: 'jpeg', mediaType: 'image/jpeg', extension: 'jpg', width: pixels.width, height: pixels.height };
  }
  const encoded = PNG.sync.write(pixels as unknown as PNG, { colorType: 6, inputColorType: 6, bitDepth: 8 });
  return { bytes: encoded, kind: 'png', mediaType: 'image/png', extension: 'png', width: pixels.width, height: pixels.height };
}

// ---------------------------------------------------------------------------------------------
// Verification of what we wrote

/**
 * Checks that an image holds nothing but pixels: a JPEG only SOI, the 16-byte JFIF APP0, DQT, SOF0,
 * DHT, SOS with its entropy-coded data, and EOI; a PNG only IHDR, IDAT and IEND. Returns the problems.
 */
export function metadataProblems(bytes: Buffer): string[] {
  const kind = sniffImageKind(bytes);
  if (kind === 'png') {
    const problems: string[] = [];
    let offset = 8;
    while (offset + 12 <= bytes.length) {
      const length = bytes.readUInt32BE(offset);
      const type = bytes.toString('latin1', offset + 4, offset + 8);
      if (!['IHDR', 'IDAT', 'IEND'].includes(type)) problems.push(`PNG chunk ${type}`);
      offset += 12 + length;
      if (type === 'IEND') break;
    }
    if (offset !== bytes.length) problems.push('data after the PNG end');
    return problems;
  }
  if (kind !== 'jpeg') return ['not a JPEG or PNG'];
  const problems: string[] = [];
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    const marker = bytes[offset + 1]!;
    const length = bytes.readUInt16BE(offset + 2);
    if (marker === 0xe0) {
      if (length !== 16 || bytes.toString('latin1', offset + 4, offset + 9) !== 'JFIF\0') problems.push('APP0 other than a bare JFIF header');
    } else if (![0xdb, 0xc0, 0xc4, 0xda].includes(marker)) {
      problems.push(`JPEG marker 0x${marker.toString(16)}`);
    }
    if (marker === 0xda) {
      // Entropy-coded data runs to EOI; inside it 0xFF is followed by 0x00 or a restart marker.
      let at = offset + 2 + length;
      while (at + 1 < bytes.length && !(bytes[at] === 0xff && bytes[at + 1] === 0xd9)) at += 1;
      if (at + 2 !== bytes.length) problems.push('data after the JPEG end');
      return problems;
    }
    offset += 2 + length;
  }
  problems.push('no image data');
  return problems;
}
