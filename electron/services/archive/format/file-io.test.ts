import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/helpers/temp';
import { readFileChunks, writeChunks } from './file-io';

describe('file I/O with requests in flight', () => {
  it('reads a file back exactly, in order, whatever its size against the chunk size', async () => {
    const dir = tempDir();
    for (const size of [0, 1, 4096, 4097, 3 * 4096, 10 * 4096 + 5]) {
      const data = randomBytes(size);
      const file = path.join(dir, `f${size}`);
      fs.writeFileSync(file, data);
      const chunks: Buffer[] = [];
      for await (const chunk of readFileChunks(file, { chunkBytes: 4096, ahead: 3 })) chunks.push(chunk);
      expect(Buffer.concat(chunks).equals(data), `size ${size}`).toBe(true);
      expect(chunks.every((chunk) => chunk.length > 0 && chunk.length <= 4096)).toBe(true);
    }
  });

  it('closes the file when the reader stops early', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'f');
    fs.writeFileSync(file, randomBytes(5 * 1024 * 1024));
    const before = fs.readdirSync('/proc/self/fd').length;
    for await (const _chunk of readFileChunks(file)) break;
    expect(fs.readdirSync('/proc/self/fd').length).toBe(before);
  });

  it('writes every buffer in order at the right place', async () => {
    const dir = tempDir();
    const parts = Array.from({ length: 700 }, (_, index) => randomBytes((index * 7919) % 20_000));
    const handle = await fs.promises.open(path.join(dir, 'out'), 'w');
    async function* source() {
      for (const part of parts) yield part;
    }
    const written = await writeChunks(handle, source());
    await handle.close();
    const expected = Buffer.concat(parts);
    expect(written).toBe(expected.length);
    expect(fs.readFileSync(path.join(dir, 'out')).equals(expected)).toBe(true);
  });
});
