/**
 * Whole-buffer reads and writes at a position of an open file: the file-handle calls may transfer
 * fewer bytes than asked, and every caller here needs all of them (or to know where the file ended).
 */
import type { FileHandle } from 'node:fs/promises';

/** Reads into all of `buffer` from `position`; returns the bytes read, fewer only where the file ends. */
export async function readFully(handle: FileHandle, buffer: Buffer, position: number): Promise<number> {
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled;
}

/** Writes all of `buffer` at `position`. */
export async function writeFully(handle: FileHandle, buffer: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, done, buffer.length - done, position + done);
    done += bytesWritten;
  }
}
