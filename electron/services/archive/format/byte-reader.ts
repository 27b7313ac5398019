/**
 * Pull-based reading of exact byte counts from an async stream of chunks, so that each parser
 * (age header, STREAM chunks, tar blocks) asks for what it needs and never holds more than one
 * incoming chunk plus what it asked for. Slices within one chunk are views, not copies.
 *
 * A source may reuse a chunk's memory once the next chunk is asked for (the age worker's shared
 * slots do): what is returned is valid until the next read, and a read that spans chunks copies
 * each part before it asks for the next.
 */
const EMPTY = Buffer.alloc(0);

async function* toAsync(source: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* source;
}

export class ByteReader {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private current: Buffer = EMPTY;
  private offset = 0;
  private ended = false;
  /** Bytes handed out so far. */
  position = 0;

  constructor(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) {
    this.iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : toAsync(source)[Symbol.asyncIterator]();
  }

  /** Ensures some unread bytes are buffered; false at the end of input. */
  private async fill(): Promise<boolean> {
    while (this.offset >= this.current.length) {
      if (this.ended) return false;
      const next = await this.iterator.next();
      if (next.done) {
        this.ended = true;
        this.current = EMPTY;
        this.offset = 0;
        return false;
      }
      const value = next.value;
      this.current = Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      this.offset = 0;
    }
    return true;
  }

  /** Up to `n` bytes as they come, at most one chunk's worth; an empty buffer only at the end of input. */
  async readSome(n: number): Promise<Buffer> {
    if (n <= 0 || !(await this.fill())) return EMPTY;
    const count = Math.min(n, this.current.length - this.offset);
    const slice = this.current.subarray(this.offset, this.offset + count);
    this.offset += count;
    this.position += count;
    return slice;
  }

  /** Exactly `n` bytes, or fewer if the input ends first (the caller decides what a short read means). */
  async read(n: number): Promise<Buffer> {
    const first = await this.readSome(n);
    if (first.length === n || first.length === 0) return first;
    const out = Buffer.allocUnsafe(n);
    first.copy(out);
    let total = first.length;
    while (total < n) {
      const part = await this.readSome(n - total);
      if (part.length === 0) break;
      part.copy(out, total);
      total += part.length;
    }
    return out.subarray(0, total);
  }

  /**
   * Reads one line ending in "\n" (returned without it). Returns undefined if `maxBytes` pass
   * without a newline, or the input ends first; `overflow` tells which.
   */
  async readLine(maxBytes: number): Promise<{ line: Buffer; raw: Buffer } | { overflow: boolean }> {
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      if (!(await this.fill())) return { overflow: false };
      const newline = this.current.indexOf(0x0a, this.offset);
      const end = newline === -1 ? this.current.length : newline + 1;
      if (total + (end - this.offset) > maxBytes) return { overflow: true };
      const part = this.current.subarray(this.offset, end);
      this.position += part.length;
      this.offset = end;
      total += part.length;
      if (newline !== -1) {
        const raw = parts.length === 0 ? part : Buffer.concat([...parts, part], total);
        return { line: raw.subarray(0, raw.length - 1), raw };
      }
      // Copied: the chunk may be reused once the next one is asked for.
      parts.push(Buffer.from(part));
    }
  }

  /** True when no byte is left. */
  async atEnd(): Promise<boolean> {
    return !(await this.fill());
  }

  /** Lets the source clean up (close a file) when reading stops early. */
  async close(): Promise<void> {
    this.ended = true;
    await this.iterator.return?.();
  }
}
