#!/usr/bin/env node
// Draws build/icon.png (512×512), the app icon electron-builder turns into .icns/.ico: a sealed
// page — a written sheet with a wax seal holding a keyhole — on a dark ground. Run
// `node build/icon.mjs` after changing it; plain Node, no image library.
import fs from 'node:fs';
import zlib from 'node:zlib';

const SIZE = 512;

function roundedRect(x, y, left, top, right, bottom, radius) {
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return Math.hypot(x - cx, y - cy) - radius; // signed distance (negative inside)
}
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
const coverage = (distance) => Math.min(1, Math.max(0, 0.5 - distance));

const layers = [
  { color: [29, 36, 51], shape: (x, y) => roundedRect(x, y, 16, 16, 496, 496, 96) },
  { color: [246, 245, 241], shape: (x, y) => roundedRect(x, y, 112, 80, 400, 432, 18) },
  ...[150, 196, 242, 288].map((top, i) => ({
    color: [154, 160, 175],
    shape: (x, y) => roundedRect(x, y, 150, top, i === 3 ? 290 : 362, top + 14, 7),
  })),
  { color: [179, 64, 42], shape: (x, y) => circle(x, y, 352, 372, 82) },
  { color: [140, 44, 28], shape: (x, y) => Math.abs(circle(x, y, 352, 372, 64)) - 4 },
  // keyhole: a round head and a tapering foot
  { color: [246, 245, 241], shape: (x, y) => circle(x, y, 352, 356, 18) },
  {
    color: [246, 245, 241],
    shape: (x, y) => {
      if (y < 360 || y > 410) return 1;
      const half = 7 + ((y - 360) / 50) * 9;
      return Math.abs(x - 352) - half;
    },
  },
];

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y += 1) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x += 1) {
    let [r, g, b, a] = [0, 0, 0, 0];
    for (const layer of layers) {
      const alpha = coverage(layer.shape(x + 0.5, y + 0.5));
      if (alpha === 0) continue;
      const outA = alpha + a * (1 - alpha);
      r = (layer.color[0] * alpha + r * a * (1 - alpha)) / outA;
      g = (layer.color[1] * alpha + g * a * (1 - alpha)) / outA;
      b = (layer.color[2] * alpha + b * a * (1 - alpha)) / outA;
      a = outA;
    }
    const offset = y * (SIZE * 4 + 1) + 1 + x * 4;
    raw[offset] = Math.round(r);
    raw[offset + 1] = Math.round(g);
    raw[offset + 2] = Math.round(b);
    raw[offset + 3] = Math.round(a * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`build/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
