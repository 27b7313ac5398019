/**
 * Test images carrying the metadata a phone or camera writes: EXIF (camera make and model,
 * orientation, description, artist, a GPS position), XMP, a comment, and for PNG text chunks and
 * an eXIf chunk. Built byte by byte here, so that the tests do not depend on a tool to make them.
 */
import zlib from 'node:zlib';
import jpeg from 'jpeg-js';

type Entry = { tag: number; type: 2 | 3 | 4 | 5; values: number[] | string };

/** A big-endian TIFF structure with IFD0 (a GPS IFD when gps is given, an Exif IFD when dateTimeOriginal is). */
export function tiff(options: {
  make?: string;
  model?: string;
  orientation?: number;
  description?: string;
  artist?: string;
  gps?: { lat: number; lon: number };
  /** "YYYY:MM:DD HH:MM:SS", as cameras write it. */
  dateTimeOriginal?: string;
}): Buffer {
  const ifd0: Entry[] = [];
  if (options.description) ifd0.push({ tag: 0x010e, type: 2, values: options.description });
  if (options.make) ifd0.push({ tag: 0x010f, type: 2, values: options.make });
  if (options.model) ifd0.push({ tag: 0x0110, type: 2, values: options.model });
  if (options.orientation) ifd0.push({ tag: 0x0112, type: 3, values: [options.orientation] });
  if (options.artist) ifd0.push({ tag: 0x013b, type: 2, values: options.artist });
  const gps: Entry[] = [];
  if (options.gps) {
    const dms = (value: number) => {
      const d = Math.floor(value);
      const m = Math.floor((value - d) * 60);
      const s = Math.round(((value - d) * 60 - m) * 60 * 100);
      return [d, 1, m, 1, s, 100];
    };
    gps.push({ tag: 0x0001, type: 2, values: 'N' }, { tag: 0x0002, type: 5, values: dms(options.gps.lat) }, { tag: 0x0003, type: 2, values: 'E' }, { tag: 0x0004, type: 5, values: dms(options.gps.lon) });
    ifd0.push({ tag: 0x8825, type: 4, values: [0] }); // patched below
  }
  const exifIfd: Entry[] = [];
  if (options.dateTimeOriginal) {
    exifIfd.push({ tag: 0x9003, type: 2, values: options.dateTimeOriginal });
    ifd0.push({ tag: 0x8769, type: 4, values: [0] }); // patched below
  }
  ifd0.sort((a, b) => a.tag - b.tag);
  const chunks: Buffer[] = [];
  const header = Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]);
  const ifdSize = (entries: Entry[]) => 2 + entries.length * 12 + 4;
  const dataSize = (entry: Entry) => {
    const size = entry.type === 2 ? Buffer.byteLength(entry.values as string) + 1 : entry.type === 3 ? 2 * (entry.values as number[]).length : entry.type === 4 ? 4 * (entry.values as number[]).length : 4 * (entry.values as number[]).length;
    return size > 4 ? size : 0;
  };
  const ifd0Offset = 8;
  const ifd0DataOffset = ifd0Offset + ifdSize(ifd0);
  const ifd0DataLength = ifd0.reduce((sum, e) => sum + dataSize(e), 0);
  const gpsOffset = ifd0DataOffset + ifd0DataLength;
  const gpsEntry = ifd0.find((e) => e.tag === 0x8825);
  if (gpsEntry) gpsEntry.values = [gpsOffset];
  const exifOffset = gpsOffset + (gps.length > 0 ? ifdSize(gps) + gps.reduce((sum, e) => sum + dataSize(e), 0) : 0);
  const exifEntry = ifd0.find((e) => e.tag === 0x8769);
  if (exifEntry) exifEntry.values = [exifOffset];
  const writeIfd = (entries: Entry[], offset: number, dataOffset: number): Buffer[] => {
    const table = Buffer.alloc(ifdSize(entries));
    table.writeUInt16BE(entries.length, 0);
    const data: Buffer[] = [];
    let next = dataOffset;
    entries.forEach((entry, i) => {
      const at = 2 + i * 12;
      const count = entry.type === 2 ? Buffer.byteLength(entry.values as string) + 1 : entry.type === 5 ? (entry.values as number[]).length / 2 : (entry.values as number[]).length;
      table.writeUInt16BE(entry.tag, at);
      table.writeUInt16BE(entry.type, at + 2);
      table.writeUInt32BE(count, at + 4);
      let bytes: Buffer;
      if (entry.type === 2) bytes = Buffer.concat([Buffer.from(entry.values as string, 'utf8'), Buffer.from([0])]);
      else if (entry.type === 3) {
        bytes = Buffer.alloc(2 * count);
        (entry.values as number[]).forEach((v, j) => bytes.writeUInt16BE(v, j * 2));
      } else {
        bytes = Buffer.alloc(4 * (entry.values as number[]).length);
        (entry.values as number[]).forEach((v, j) => bytes.writeUInt32BE(v, j * 4));
      }
      if (bytes.length <= 4) bytes.copy(table, at + 8);
      else {
        table.writeUInt32BE(next, at + 8);
        data.push(bytes);
        next += bytes.length;
      }
    });
    void offset;
    return [table, ...data];
  };
  chunks.push(header, ...writeIfd(ifd0, ifd0Offset, ifd0DataOffset));
  if (gps.length > 0) chunks.push(...writeIfd(gps, gpsOffset, gpsOffset + ifdSize(gps)));
  if (exifIfd.length > 0) chunks.push(...writeIfd(exifIfd, exifOffset, exifOffset + ifdSize(exifIfd)));
  return Buffer.concat(chunks);
}

function segment(marker: number, body: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xff00 | marker, 0);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** Pixels: left half red, right half blue (so a rotation shows), `width`×`height`. */
export function halfRedHalfBlue(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      const red = x < width / 2;
      data[at] = red ? 230 : 20;
      data[at + 1] = 20;
      data[at + 2] = red ? 20 : 230;
      data[at + 3] = 255;
    }
  }
  return data;
}

/** IPTC-IIM in a Photoshop APP13 segment (resource 0x0404), UTF-8 declared: by-line, city, caption. */
function iptcSegment(fields: { byline?: string; city?: string; caption?: string }): Buffer {
  const dataset = (record: number, number: number, value: Buffer) => {
    const head = Buffer.from([0x1c, record, number, 0, 0]);
    head.writeUInt16BE(value.length, 3);
    return Buffer.concat([head, value]);
  };
  const iim = Buffer.concat([
    dataset(1, 90, Buffer.from([0x1b, 0x25, 0x47])),
    ...(fields.byline ? [dataset(2, 80, Buffer.from(fields.byline, 'utf8'))] : []),
    ...(fields.city ? [dataset(2, 90, Buffer.from(fields.city, 'utf8'))] : []),
    ...(fields.caption ? [dataset(2, 120, Buffer.from(fields.caption, 'utf8'))] : []),
  ]);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(iim.length);
  const padded = iim.length % 2 === 1 ? Buffer.concat([iim, Buffer.from([0])]) : iim;
  return segment(0xed, Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), Buffer.from('8BIM', 'latin1'), Buffer.from([0x04, 0x04, 0, 0]), size, padded]));
}

/** A JPEG with EXIF (and GPS), XMP, IPTC and a comment inserted after SOI. */
export function jpegWithMetadata(
  width: number,
  height: number,
  exif: Parameters<typeof tiff>[0],
  extras: { xmp?: string; comment?: string; iptc?: { byline?: string; city?: string; caption?: string } } = {},
): Buffer {
  const plain = Buffer.from(jpeg.encode({ width, height, data: halfRedHalfBlue(width, height) }, 90).data);
  const inserted: Buffer[] = [segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff(exif)]))];
  if (extras.xmp) inserted.push(segment(0xe1, Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), Buffer.from(extras.xmp, 'utf8')])));
  if (extras.iptc) inserted.push(iptcSegment(extras.iptc));
  if (extras.comment) inserted.push(segment(0xfe, Buffer.from(extras.comment, 'utf8')));
  return Buffer.concat([plain.subarray(0, 2), ...inserted, plain.subarray(2)]);
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG (RGBA) with tEXt, iTXt and eXIf chunks; `declared` overrides the size in IHDR (for bombs). */
export function pngWithMetadata(width: number, height: number, options: { text?: string; exif?: Parameters<typeof tiff>[0]; declared?: { width: number; height: number } } = {}): Buffer {
  const pixels = halfRedHalfBlue(width, height);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) pixels.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(options.declared?.width ?? width, 0);
  ihdr.writeUInt32BE(options.declared?.height ?? height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const chunks = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr)];
  if (options.text) {
    chunks.push(pngChunk('tEXt', Buffer.from(`Author\0${options.text}`, 'latin1')));
    chunks.push(pngChunk('iTXt', Buffer.concat([Buffer.from('Description\0\0\0\0\0', 'latin1'), Buffer.from(options.text, 'utf8')])));
  }
  if (options.exif) chunks.push(pngChunk('eXIf', tiff(options.exif)));
  chunks.push(pngChunk('IDAT', zlib.deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(chunks);
}
