import { execFileSync } from 'node:child_process';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { isUserError } from '@shared/errors';
import { halfRedHalfBlue, jpegWithMetadata, pngWithMetadata } from '../../../tests/helpers/exif';
import { metadataProblems, readImageInfo, sanitiseImage } from './image-sanitiser';

/** exiftool's reading of bytes given on stdin (no file written), as tag → value with group names. */
function exiftool(bytes: Buffer): Record<string, unknown> {
  const out = execFileSync('exiftool', ['-j', '-G', '-a', '-u', '-'], { input: bytes });
  return (JSON.parse(out.toString('utf8')) as Record<string, unknown>[])[0]!;
}

const METADATA_GROUPS = /^(EXIF|GPS|XMP|IPTC|ICC_Profile|MakerNotes|Photoshop|PNG|APP\d+|File:Comment|Comment)/;
/** The PNG header fields exiftool lists for any PNG; everything else in the PNG group is a chunk of metadata. */
const PNG_HEADER = new Set(['PNG:ImageWidth', 'PNG:ImageHeight', 'PNG:BitDepth', 'PNG:ColorType', 'PNG:Compression', 'PNG:Filter', 'PNG:Interlace']);
function metadataTags(tags: Record<string, unknown>): string[] {
  return Object.keys(tags).filter((tag) => !PNG_HEADER.has(tag) && (METADATA_GROUPS.test(tag) || /Comment|GPS|Make|Model|Orientation|Artist|Description|Author/.test(tag)));
}

const camera = { make: 'Canon', model: 'Canon EOS 5D', orientation: 6, description: '박순희 회령', artist: 'Kim Young-chul', gps: { lat: 42.443, lon: 129.75 } };

describe('images in a release', () => {
  it('a JPEG with camera EXIF, GPS, XMP and a comment comes out with none of it (exiftool)', () => {
    const original = jpegWithMetadata(64, 32, camera, { xmp: '<x:xmpmeta><dc:creator>박순희</dc:creator></x:xmpmeta>', comment: 'taken at 회령' });
    const before = exiftool(original);
    // The test image really carries what a phone writes; otherwise the check below proves nothing.
    expect(before['EXIF:Make']).toBe('Canon');
    expect(before['EXIF:GPSLatitude']).toBeDefined();
    expect(before['XMP:Creator']).toBeDefined();
    expect(before['File:Comment']).toBe('taken at 회령');

    const stripped = sanitiseImage(original);
    const after = exiftool(stripped.bytes);
    expect(metadataTags(after)).toEqual([]);
    expect(Object.keys(after).every((tag) => /^(SourceFile|ExifTool:|File:|JFIF:|Composite:)/.test(tag))).toBe(true);
    expect(metadataProblems(stripped.bytes)).toEqual([]);
    for (const word of ['Canon', '박순희', 'Kim Young-chul', '회령']) expect(stripped.bytes.includes(Buffer.from(word, 'utf8'))).toBe(false);
  });

  it('applies the EXIF orientation to the pixels and writes none (a rotated photo stays rotated)', () => {
    const stripped = sanitiseImage(jpegWithMetadata(64, 32, { orientation: 6 }));
    const decoded = jpeg.decode(stripped.bytes, { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([32, 64]);
    // Stored left half red; turned 90° clockwise the red half is on top.
    const pixel = (x: number, y: number) => [...decoded.data.subarray((y * 32 + x) * 4, (y * 32 + x) * 4 + 3)];
    expect(pixel(16, 8)[0]).toBeGreaterThan(180);
    expect(pixel(16, 8)[2]).toBeLessThan(80);
    expect(pixel(16, 56)[2]).toBeGreaterThan(180);
    expect(exiftool(stripped.bytes)['EXIF:Orientation']).toBeUndefined();
  });

  it('blacks out the rectangles a reviewer drew, in the coordinates of the image as displayed', () => {
    const stripped = sanitiseImage(jpegWithMetadata(64, 32, { orientation: 6 }), [{ x: 0, y: 0, width: 16, height: 24 }]);
    const decoded = jpeg.decode(stripped.bytes, { useTArray: true });
    const pixel = (x: number, y: number) => [...decoded.data.subarray((y * 32 + x) * 4, (y * 32 + x) * 4 + 3)];
    expect(Math.max(...pixel(4, 4))).toBeLessThan(30);
    expect(Math.max(...pixel(10, 18))).toBeLessThan(30);
    expect(pixel(26, 4)[0]).toBeGreaterThan(180);
  });

  it('a PNG loses its text and eXIf chunks and keeps its orientation and pixels exactly', () => {
    const original = pngWithMetadata(20, 10, { text: 'Park Sun-hee', exif: { orientation: 3, make: 'Apple' } });
    expect(exiftool(original)['PNG:Author']).toBe('Park Sun-hee');
    const stripped = sanitiseImage(original);
    expect(metadataTags(exiftool(stripped.bytes))).toEqual([]);
    expect(metadataProblems(stripped.bytes)).toEqual([]);
    const decoded = PNG.sync.read(stripped.bytes);
    // Orientation 3 is a half turn: the red half is now on the right, pixel for pixel.
    const turned = halfRedHalfBlue(20, 10);
    expect(decoded.data[(5 * 20 + 19) * 4]).toBe(turned[(5 * 20 + 0) * 4]);
    expect(decoded.data[(5 * 20 + 0) * 4 + 2]).toBe(turned[(5 * 20 + 19) * 4 + 2]);
  });

  it('refuses a decompression bomb by its declared size, before decoding', () => {
    const bomb = pngWithMetadata(4, 4, { declared: { width: 100_000, height: 100_000 } });
    let error: unknown;
    try {
      sanitiseImage(bomb);
    } catch (caught) {
      error = caught;
    }
    expect(isUserError(error) && error.code).toBe('image-too-large');
    const hugeJpeg = jpegWithMetadata(8, 8, {});
    // Rewrite the frame header to claim 60000×60000.
    const sof = hugeJpeg.indexOf(Buffer.from([0xff, 0xc0]));
    hugeJpeg.writeUInt16BE(60000, sof + 5);
    hugeJpeg.writeUInt16BE(60000, sof + 7);
    expect(() => readImageInfo(hugeJpeg)).toThrow(/megapixels/);
  });

  it('refuses what is not a JPEG or PNG, and damaged images, with a clear error', () => {
    expect(() => sanitiseImage(Buffer.from('GIF89a....'))).toThrow(/not a JPEG or PNG/);
    const truncated = jpegWithMetadata(16, 16, {}).subarray(0, 200);
    expect(() => sanitiseImage(truncated)).toThrow(/cannot be read/);
  });
});
