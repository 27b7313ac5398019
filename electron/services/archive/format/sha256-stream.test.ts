import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OFF_THREAD_MIN_BYTES, streamHash } from './sha256-stream';

async function hashInPieces(data: Buffer, pieceSizes: number[], expectedBytes = data.length): Promise<string> {
  const hash = streamHash(expectedBytes);
  let offset = 0;
  let index = 0;
  while (offset < data.length) {
    const size = pieceSizes[index++ % pieceSizes.length]!;
    await hash.update(data.subarray(offset, offset + size));
    offset += size;
  }
  return hash.digest();
}

describe('SHA-256 of a stream, off the main thread when large', () => {
  it('gives the SHA-256 of the bytes, inline and on the worker, whatever the piece sizes', async () => {
    for (const size of [0, 1, 1024 * 1024, OFF_THREAD_MIN_BYTES - 1, OFF_THREAD_MIN_BYTES, 3 * OFF_THREAD_MIN_BYTES + 12345]) {
      const data = randomBytes(size);
      const expected = createHash('sha256').update(data).digest('hex');
      expect(await hashInPieces(data, [65536]), `size ${size}`).toBe(expected);
      expect(await hashInPieces(data, [1, 4097, 2 * 1024 * 1024, 512]), `odd pieces, size ${size}`).toBe(expected);
    }
  });

  it('keeps concurrent hashes apart and drops abandoned ones', async () => {
    const first = randomBytes(OFF_THREAD_MIN_BYTES + 10);
    const second = randomBytes(OFF_THREAD_MIN_BYTES + 20);
    const abandoned = streamHash(OFF_THREAD_MIN_BYTES);
    await abandoned.update(randomBytes(2 * 1024 * 1024));
    abandoned.dispose();
    const [a, b] = await Promise.all([hashInPieces(first, [300_000]), hashInPieces(second, [70_000])]);
    expect(a).toBe(createHash('sha256').update(first).digest('hex'));
    expect(b).toBe(createHash('sha256').update(second).digest('hex'));
  });

  it('does not deadlock with more concurrent hashes than shared slots', async () => {
    const inputs = Array.from({ length: 12 }, () => randomBytes(OFF_THREAD_MIN_BYTES + 3 * 1024 * 1024));
    const digests = await Promise.all(inputs.map((input) => hashInPieces(input, [200_000])));
    expect(digests).toEqual(inputs.map((input) => createHash('sha256').update(input).digest('hex')));
  });

  it('does not keep a process alive once its hashes are done', () => {
    const module = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sha256-stream.ts');
    const script = `
      const { streamHash } = await import(${JSON.stringify(module)});
      const hash = streamHash(16 * 1024 * 1024);
      await hash.update(Buffer.alloc(16 * 1024 * 1024, 7));
      console.log(await hash.digest());
    `;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(createHash('sha256').update(Buffer.alloc(16 * 1024 * 1024, 7)).digest('hex'));
  });
});
