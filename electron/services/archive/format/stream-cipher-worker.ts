/**
 * The ChaCha20-Poly1305 of the age STREAM payload (c2sp.org/age, "Payload"), run on a worker
 * thread in batches of 16 chunks (1 MiB), so that it runs beside the tar, hashing and file I/O of
 * the main thread instead of after them: on two cores that is what lets a sealed archive keep up
 * with `tar | age`, which splits the same work over two processes.
 *
 * The chunk rules live here, once: chunk i is sealed under the nonce (11-byte big-endian i ||
 * 0x01 for the final chunk, 0x00 before it); every chunk but the final one holds exactly 64 KiB;
 * the final one 1..64 KiB, or nothing when the whole payload is empty. Opening reports how a batch
 * failed, so that the caller can tell truncation, trailing data, an empty final chunk and plain
 * corruption apart (age.ts turns these into UserErrors).
 *
 * The worker is one per process, started on first use and ref'd only while a session is open. It
 * is given the payload key of each session and zeroes it when the session closes. Input batches go
 * to the worker and back (transferred, not copied) and are reused.
 */
import { Worker } from 'node:worker_threads';

export const STREAM_CHUNK_SIZE = 64 * 1024;
export const STREAM_TAG_SIZE = 16;
export const STREAM_SEALED_CHUNK_SIZE = STREAM_CHUNK_SIZE + STREAM_TAG_SIZE;
export const CHUNKS_PER_BATCH = 16;
export const PLAINTEXT_BATCH_BYTES = CHUNKS_PER_BATCH * STREAM_CHUNK_SIZE;
export const SEALED_BATCH_BYTES = CHUNKS_PER_BATCH * STREAM_SEALED_CHUNK_SIZE;

/** How opening a batch failed, at which chunk counter. */
export type StreamOpenFailure =
  | 'corrupt' // a chunk fails authentication under both flags
  | 'trailing' // a chunk that is not at the end authenticates only as the final chunk
  | 'truncated' // the end of the file is inside a tag, or a full chunk at the end authenticates only as non-final
  | 'empty-final'; // the final chunk is empty although earlier chunks exist

// Plain JavaScript evaluated as the worker: no build step, no file to locate at run time;
// getBuiltinModule works whether it is run as CommonJS or as an ES module.
const WORKER_SOURCE = `
const { parentPort } = process.getBuiltinModule('node:worker_threads');
const { createCipheriv, createDecipheriv } = process.getBuiltinModule('node:crypto');
const CHUNK = ${STREAM_CHUNK_SIZE}, TAG = ${STREAM_TAG_SIZE}, SEALED = CHUNK + TAG;
const keys = new Map();
const nonceOf = (counter, last) => {
  const nonce = Buffer.alloc(12);
  nonce.writeUIntBE(counter, 5, 6);
  nonce[11] = last ? 1 : 0;
  return nonce;
};
const openChunk = (key, counter, sealed, last) => {
  const decipher = createDecipheriv('chacha20-poly1305', key, nonceOf(counter, last), { authTagLength: TAG });
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  const plaintext = decipher.update(sealed.subarray(0, sealed.length - TAG));
  try { decipher.final(); } catch { return undefined; }
  return plaintext;
};
parentPort.on('message', (message) => {
  if (message.op === 'key') { keys.set(message.session, Buffer.from(new Uint8Array(message.key))); new Uint8Array(message.key).fill(0); return; }
  if (message.op === 'close') { const key = keys.get(message.session); if (key) key.fill(0); keys.delete(message.session); return; }
  const key = keys.get(message.session);
  const input = Buffer.from(message.data, 0, message.length);
  const reply = { session: message.session, seq: message.seq };
  if (message.op === 'seal') {
    const chunks = message.last ? Math.max(1, Math.ceil(input.length / CHUNK)) : input.length / CHUNK;
    const output = Buffer.allocUnsafeSlow(input.length + chunks * TAG);
    let written = 0;
    for (let index = 0; index < chunks; index++) {
      const last = message.last && index === chunks - 1;
      const cipher = createCipheriv('chacha20-poly1305', key, nonceOf(message.counter + index, last), { authTagLength: TAG });
      written += cipher.update(input.subarray(index * CHUNK, (index + 1) * CHUNK)).copy(output, written);
      cipher.final();
      written += cipher.getAuthTag().copy(output, written);
    }
    parentPort.postMessage({ ...reply, data: output.buffer, length: written, input: message.data }, [output.buffer, message.data]);
    return;
  }
  const output = Buffer.allocUnsafeSlow(Math.max(1, input.length));
  let written = 0, offset = 0, counter = message.counter, failure;
  while (offset < input.length) {
    const size = Math.min(SEALED, input.length - offset);
    const sealed = input.subarray(offset, offset + size);
    const atEnd = message.last && offset + size === input.length;
    if (!atEnd) {
      const plaintext = openChunk(key, counter, sealed, false);
      if (plaintext === undefined) { failure = openChunk(key, counter, sealed, true) !== undefined ? 'trailing' : 'corrupt'; break; }
      written += plaintext.copy(output, written);
    } else {
      if (size < TAG) { failure = 'truncated'; break; }
      const plaintext = openChunk(key, counter, sealed, true);
      if (plaintext === undefined) { failure = size === SEALED && openChunk(key, counter, sealed, false) !== undefined ? 'truncated' : 'corrupt'; break; }
      if (plaintext.length === 0 && counter > 0) { failure = 'empty-final'; break; }
      written += plaintext.copy(output, written);
    }
    offset += size;
    counter += 1;
  }
  parentPort.postMessage({ ...reply, data: output.buffer, length: written, failure, failedAt: counter, input: message.data }, [output.buffer, message.data]);
});
`;

interface Reply {
  session: number;
  seq: number;
  data: ArrayBuffer;
  length: number;
  input: ArrayBuffer;
  failure?: StreamOpenFailure;
  failedAt?: number;
}

interface Waiting {
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

let worker: Worker | undefined;
let nextSession = 1;
const sessions = new Map<number, Map<number, Waiting>>();
/** Input batches handed back by the worker, reused (bounded) so that memory stays flat. */
const freeBatches = new Map<number, ArrayBuffer[]>();
const MAX_FREE_BATCHES = 8;

function giveBack(buffer: ArrayBuffer): void {
  const list = freeBatches.get(buffer.byteLength) ?? [];
  if (list.length < MAX_FREE_BATCHES) list.push(buffer);
  freeBatches.set(buffer.byteLength, list);
}

/** A buffer of `bytes` to fill and send: reused when one came back, new otherwise. */
export function takeBatchBuffer(bytes: number): ArrayBuffer {
  return freeBatches.get(bytes)?.pop() ?? new ArrayBuffer(bytes);
}

function sharedWorker(): Worker {
  if (worker !== undefined) return worker;
  // No inherited flags: the worker needs no loader (tsx, --import …), only node:crypto.
  const started = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
  started.on('message', (reply: Reply) => {
    giveBack(reply.input);
    const waiting = sessions.get(reply.session)?.get(reply.seq);
    if (waiting === undefined) return;
    sessions.get(reply.session)!.delete(reply.seq);
    waiting.resolve(reply);
  });
  const fail = (error: Error) => {
    worker = undefined;
    const all = [...sessions.values()].flatMap((waiting) => [...waiting.values()]);
    for (const waiting of sessions.values()) waiting.clear();
    for (const waiting of all) waiting.reject(error);
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`the payload cipher worker exited (code ${code})`)));
  worker = started;
  return started;
}

export interface SealedBatch {
  /** ciphertext || tag of each chunk, in order. */
  sealed: Buffer;
}

export interface OpenedBatch {
  /** Plaintext of the chunks that authenticated, in order, up to the first failure. */
  plaintext: Buffer;
  failure?: StreamOpenFailure;
  /** The counter of the chunk that failed. */
  failedAt?: number;
}

/** One stream's use of the worker, under one payload key. Requests are answered in order. */
export class StreamCipherSession {
  private readonly id = nextSession++;
  private readonly worker: Worker;
  private seq = 0;
  private closed = false;

  /** Hands the key to the worker; the caller's copy may be zeroed afterwards. */
  constructor(payloadKey: Buffer) {
    this.worker = sharedWorker();
    if (sessions.size === 0) this.worker.ref();
    sessions.set(this.id, new Map());
    const key = new ArrayBuffer(payloadKey.length);
    new Uint8Array(key).set(payloadKey);
    this.worker.postMessage({ op: 'key', session: this.id, key }, [key]);
  }

  private request(op: 'seal' | 'open', data: ArrayBuffer, length: number, counter: number, last: boolean): Promise<Reply> {
    if (this.closed) throw new Error('stream cipher session used after close');
    const seq = this.seq++;
    const reply = new Promise<Reply>((resolve, reject) => sessions.get(this.id)!.set(seq, { resolve, reject }));
    this.worker.postMessage({ op, session: this.id, seq, data, length, counter, last }, [data]);
    return reply;
  }

  /**
   * Seals `length` bytes of `data` (whole 64 KiB chunks, except that the final batch may end
   * short) as chunks `counter`, `counter + 1`, …; `last` marks the batch holding the final chunk.
   * `data` is transferred: do not touch it afterwards.
   */
  async seal(data: ArrayBuffer, length: number, counter: number, last: boolean): Promise<SealedBatch> {
    const reply = await this.request('seal', data, length, counter, last);
    return { sealed: Buffer.from(reply.data, 0, reply.length) };
  }

  /** Opens sealed chunks (whole ones, except at the end when `last`); `data` is transferred. */
  async open(data: ArrayBuffer, length: number, counter: number, last: boolean): Promise<OpenedBatch> {
    const reply = await this.request('open', data, length, counter, last);
    return {
      plaintext: Buffer.from(reply.data, 0, reply.length),
      ...(reply.failure !== undefined ? { failure: reply.failure, failedAt: reply.failedAt! } : {}),
    };
  }

  /** Zeroes the key in the worker; answers still pending are dropped. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.worker.postMessage({ op: 'close', session: this.id });
    sessions.delete(this.id);
    if (sessions.size === 0) this.worker.unref();
  }
}
