/**
 * SHA-256 of a large stream computed on a worker thread, so that hashing the payload (done on
 * every byte, both ways) runs beside the ChaCha20-Poly1305 of the age payload on the main thread
 * instead of after it: on two cores a sealed archive then costs about what `tar | age` costs.
 *
 * Small inputs are hashed inline: a worker is only worth it for megabytes. The worker is one per
 * process, started on first use and unref'd (it never keeps the process alive). It is given copies
 * of the bytes in 1 MiB batches and holds no more than MAX_IN_FLIGHT_BYTES of them at a time:
 * update() waits when the worker falls behind, so memory stays flat.
 */
import { createHash, type Hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/** Streams announced smaller than this are hashed on the calling thread. */
export const OFF_THREAD_MIN_BYTES = 4 * 1024 * 1024;
const BATCH_BYTES = 1024 * 1024;
const MAX_IN_FLIGHT_BYTES = 8 * 1024 * 1024;

// Plain JavaScript evaluated as the worker: no build step, no file to locate at run time.
// getBuiltinModule works whether the worker is run as CommonJS or as an ES module.
const WORKER_SOURCE = `
const { parentPort } = process.getBuiltinModule('node:worker_threads');
const { createHash } = process.getBuiltinModule('node:crypto');
const hashes = new Map();
parentPort.on('message', (message) => {
  let hash = hashes.get(message.id);
  if (hash === undefined) { hash = createHash('sha256'); hashes.set(message.id, hash); }
  if (message.data !== undefined) {
    hash.update(new Uint8Array(message.data));
    // The batch goes back for reuse: garbage here would only be collected late, and grow the RSS.
    parentPort.postMessage({ id: message.id, processed: message.data.byteLength, data: message.data }, [message.data]);
  }
  if (message.digest) {
    hashes.delete(message.id);
    parentPort.postMessage({ id: message.id, hex: hash.digest('hex') });
  }
});
`;

interface Pending {
  onProcessed(bytes: number): void;
  onDigest(hex: string): void;
  onError(error: Error): void;
}

let worker: Worker | undefined;
let nextId = 1;
/** Batches the worker has handed back, reused so that memory stays at MAX_IN_FLIGHT_BYTES plus a few batches. */
const freeBatches: ArrayBuffer[] = [];
const MAX_FREE_BATCHES = MAX_IN_FLIGHT_BYTES / BATCH_BYTES + 2;

function takeBatch(): ArrayBuffer {
  return freeBatches.pop() ?? new ArrayBuffer(BATCH_BYTES);
}
const pending = new Map<number, Pending>();

/**
 * The worker keeps the process alive only while a hash is pending on it: ref'd when the first
 * one starts, unref'd when the last one ends.
 */
function track(id: number, target: Pending): void {
  pending.set(id, target);
  if (pending.size === 1) worker?.ref();
}

function untrack(id: number): void {
  if (pending.delete(id) && pending.size === 0) worker?.unref();
}

function sharedWorker(): Worker {
  if (worker !== undefined) return worker;
  // No inherited flags: the worker needs no loader (tsx, --import …), only node:crypto.
  const started = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
  started.on('message', (message: { id: number; processed?: number; data?: ArrayBuffer; hex?: string }) => {
    if (message.data !== undefined && message.data.byteLength === BATCH_BYTES && freeBatches.length < MAX_FREE_BATCHES) freeBatches.push(message.data);
    const target = pending.get(message.id);
    if (target === undefined) return;
    if (message.processed !== undefined) target.onProcessed(message.processed);
    if (message.hex !== undefined) {
      untrack(message.id);
      target.onDigest(message.hex);
    }
  });
  const fail = (error: Error) => {
    worker = undefined;
    const failed = [...pending.values()];
    pending.clear();
    for (const target of failed) target.onError(error);
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`the hashing worker exited (code ${code})`)));
  worker = started;
  return started;
}

/** A SHA-256 whose update() may wait (backpressure) and whose digest is asynchronous. */
export interface StreamHash {
  update(chunk: Uint8Array): Promise<void> | void;
  digest(): Promise<string>;
  /** Drops a hash that will never be digested (the stream failed); harmless after digest(). */
  dispose(): void;
}

class InlineHash implements StreamHash {
  private readonly hash: Hash = createHash('sha256');
  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
  }
  async digest(): Promise<string> {
    return this.hash.digest('hex');
  }
  dispose(): void {
    // nothing held outside this object
  }
}

class WorkerHash implements StreamHash {
  private readonly id = nextId++;
  private readonly worker = sharedWorker();
  private batchBuffer = takeBatch();
  private batch = Buffer.from(this.batchBuffer);
  private filled = 0;
  private inFlight = 0;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private result: { resolve(hex: string): void; reject(error: Error): void } | undefined;

  constructor() {
    track(this.id, {
      onProcessed: (bytes) => {
        this.inFlight -= bytes;
        this.wake?.();
      },
      onDigest: (hex) => this.result?.resolve(hex),
      onError: (error) => {
        this.failure = error;
        this.wake?.();
        this.result?.reject(error);
      },
    });
  }

  private send(digest: boolean): void {
    if (this.filled === 0) {
      if (digest) this.worker.postMessage({ id: this.id, digest });
      return;
    }
    const length = this.filled;
    // A full batch hands its own ArrayBuffer over (no copy) and a fresh one takes its place; the
    // last, partial one sends a copy of its bytes.
    const data = length === BATCH_BYTES ? this.batchBuffer : this.batchBuffer.slice(0, length);
    this.inFlight += length;
    this.worker.postMessage({ id: this.id, data, digest }, [data]);
    if (length === BATCH_BYTES) {
      this.batchBuffer = takeBatch();
      this.batch = Buffer.from(this.batchBuffer);
    }
    this.filled = 0;
  }

  async update(chunk: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < chunk.length) {
      const count = Math.min(BATCH_BYTES - this.filled, chunk.length - offset);
      this.batch.set(chunk.subarray(offset, offset + count), this.filled);
      this.filled += count;
      offset += count;
      if (this.filled === BATCH_BYTES) {
        while (this.inFlight >= MAX_IN_FLIGHT_BYTES && this.failure === undefined) {
          await new Promise<void>((resolve) => {
            this.wake = resolve;
          });
          this.wake = undefined;
        }
        if (this.failure) throw this.failure;
        this.send(false);
      }
    }
  }

  dispose(): void {
    if (this.result !== undefined || !pending.has(this.id)) return;
    // Abandoned mid-stream (the pipeline failed): let the worker drop its state.
    untrack(this.id);
    this.worker.postMessage({ id: this.id, digest: true });
  }

  digest(): Promise<string> {
    if (this.failure) return Promise.reject(this.failure);
    const result = new Promise<string>((resolve, reject) => {
      this.result = { resolve, reject };
    });
    this.send(true);
    return result.finally(() => untrack(this.id));
  }
}

/** A SHA-256 for a stream of about `expectedBytes`: on the worker when large, inline when small. */
export function streamHash(expectedBytes: number): StreamHash {
  return expectedBytes >= OFF_THREAD_MIN_BYTES ? new WorkerHash() : new InlineHash();
}
