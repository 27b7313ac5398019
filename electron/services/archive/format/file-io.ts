/**
 * Reading and writing large files with several requests in flight, so that the disk (through
 * libuv's thread pool) works while the main thread encrypts, hashes and parses: a plain stream
 * waits for each read or write before asking for the next.
 */
import fs from 'node:fs';

const CHUNK_BYTES = 1024 * 1024;
const READS_AHEAD = 4;
const WRITES_IN_FLIGHT = 3;
/** writev takes at most IOV_MAX (1024) buffers. */
const MAX_BUFFERS_PER_WRITE = 512;

/** A file's bytes in 1 MiB chunks, read ahead; each chunk is a fresh buffer. */
export async function* readFileChunks(file: string, options: { chunkBytes?: number; ahead?: number } = {}): AsyncGenerator<Buffer, void, undefined> {
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const ahead = options.ahead ?? READS_AHEAD;
  const handle = await fs.promises.open(file, 'r');
  const reads: Array<Promise<Buffer>> = [];
  let position = 0;
  let ended = false;
  const issue = () => {
    const at = position;
    position += chunkBytes;
    const read = handle.read(Buffer.allocUnsafe(chunkBytes), 0, chunkBytes, at).then(({ buffer, bytesRead }) => buffer.subarray(0, bytesRead));
    read.catch(() => undefined); // awaited below; this only keeps an abandoned read from being "unhandled"
    reads.push(read);
  };
  try {
    for (let index = 0; index < ahead; index++) issue();
    while (reads.length > 0) {
      const chunk = await reads.shift()!;
      if (chunk.length === 0) break;
      if (!ended) issue();
      // A short read is the end of the file (it is not being written while we read).
      if (chunk.length < chunkBytes) ended = true;
      yield chunk;
      if (ended && reads.length > 0) {
        // Reads issued past the end return nothing; let them finish before closing.
        await Promise.allSettled(reads.splice(0));
      }
    }
  } finally {
    await Promise.allSettled(reads.splice(0));
    await handle.close();
  }
}

/**
 * Writes buffers to a file in order, in batches of about 1 MiB with writev at explicit
 * positions, keeping up to three batches in flight. Returns the bytes written.
 */
export async function writeChunks(handle: fs.promises.FileHandle, source: AsyncIterable<Buffer>): Promise<number> {
  let position = 0;
  const inFlight: Array<Promise<void>> = [];
  const write = async (buffers: Buffer[], length: number, at: number): Promise<void> => {
    let { bytesWritten } = await handle.writev(buffers, at);
    // A short write (rare on regular files) is finished with plain writes.
    if (bytesWritten < length) {
      const rest = Buffer.concat(buffers).subarray(bytesWritten);
      let offset = 0;
      while (offset < rest.length) {
        const { bytesWritten: more } = await handle.write(rest, offset, rest.length - offset, at + bytesWritten + offset);
        offset += more;
      }
      bytesWritten = length;
    }
  };
  let batch: Buffer[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (inFlight.length >= WRITES_IN_FLIGHT) await inFlight.shift();
    const request = write(batch, batchBytes, position);
    request.catch(() => undefined); // awaited below
    inFlight.push(request);
    position += batchBytes;
    batch = [];
    batchBytes = 0;
  };
  try {
    for await (const buffer of source) {
      if (buffer.length === 0) continue;
      batch.push(buffer);
      batchBytes += buffer.length;
      if (batchBytes >= CHUNK_BYTES || batch.length >= MAX_BUFFERS_PER_WRITE) await flush();
    }
    if (batchBytes > 0) await flush();
    while (inFlight.length > 0) await inFlight.shift();
  } finally {
    await Promise.allSettled(inFlight.splice(0));
  }
  return position;
}
