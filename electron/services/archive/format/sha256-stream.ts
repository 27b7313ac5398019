/**
 * SHA-256 of a large stream computed on a worker thread, so that hashing the payload (done on
 * every byte, both ways) runs beside the ChaCha20-Poly1305 of the age payload on the main thread
 * instead of after it.
 *
 * Small inputs are hashed inline: a worker is only worth it for megabytes. The worker is one per
 * process, started on first use and keeping the process alive only while a hash is pending. Bytes
 * reach it through a few 1 MiB slots of shared memory, written by the main thread and handed over
 * by a small message: no copy to transfer, no buffer churn for the garbage collector, and memory
 * bounded by the slots (update() waits for a free one when the worker falls behind).
 */
import { createHash, type Hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/** Streams announced smaller than this are hashed on the calling thread. */
export const OFF_THREAD_MIN_BYTES = 4 * 1024 * 1024;
const SLOT_BYTES = 1024 * 1024;
const INITIAL_SLOTS = 8;

// Plain JavaScript evaluated as the worker: no build step, no file to locate at run time;
// getBuiltinModule works whether it is run as CommonJS or as an ES module.
const WORKER_SOURCE = `
const { parentPort } = process.getBuiltinModule('node:worker_threads');
const { createHash } = process.getBuiltinModule('node:crypto');
const slots = [];
const hashes = new Map();
parentPort.on('message', (message) => {
  if (message.addSlot !== undefined) { slots.push(new Uint8Array(message.addSlot)); return; }
  let hash = hashes.get(message.id);
  if (hash === undefined) { hash = createHash('sha256'); hashes.set(message.id, hash); }
  if (message.slot !== undefined) {
    hash.update(slots[message.slot].subarray(0, message.length));
    parentPort.postMessage({ id: message.id, freed: message.slot });
  }
  if (message.digest) {
    hashes.delete(message.id);
    parentPort.postMessage({ id: message.id, hex: hash.digest('hex') });
  }
});
`;

interface Pending {
  onDigest(hex: string): void;
  onError(error: Error): void;
}

let worker: Worker | undefined;
let failure: Error | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();
const slots: Buffer[] = [];
const freeSlots: number[] = [];
let slotsInFlight = 0;
let slotWaiters: Array<() => void> = [];

function sharedWorker(): Worker {
  if (failure) throw failure;
  if (worker !== undefined) return worker;
  // No inherited flags: the worker needs no loader (tsx, --import …), only node:crypto.
  const started = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
  started.on('message', (message: { id: number; freed?: number; hex?: string }) => {
    if (message.freed !== undefined) {
      slotsInFlight -= 1;
      freeSlots.push(message.freed);
      const waiters = slotWaiters;
      slotWaiters = [];
      for (const wake of waiters) wake();
    }
    if (message.hex !== undefined) {
      const target = pending.get(message.id);
      untrack(message.id);
      target?.onDigest(message.hex);
    }
  });
  const fail = (error: Error) => {
    failure = error;
    const targets = [...pending.values()];
    pending.clear();
    for (const target of targets) target.onError(error);
    for (const wake of slotWaiters.splice(0)) wake();
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`the hashing worker exited (code ${code})`)));
  worker = started;
  for (let index = 0; index < INITIAL_SLOTS; index++) addSlot(started);
  return started;
}

function addSlot(target: Worker): void {
  const memory = new SharedArrayBuffer(SLOT_BYTES);
  slots.push(Buffer.from(memory));
  freeSlots.push(slots.length - 1);
  target.postMessage({ addSlot: memory });
}

/** A free slot: one handed back, else (when none is on its way back) a new one, else wait for one. */
async function acquireSlot(target: Worker): Promise<number> {
  for (;;) {
    if (failure) throw failure;
    const slot = freeSlots.pop();
    if (slot !== undefined) return slot;
    // Every slot is held by a hash that is filling it: waiting could wait forever, so grow.
    if (slotsInFlight === 0) addSlot(target);
    else await new Promise<void>((resolve) => slotWaiters.push(resolve));
  }
}

/** The worker keeps the process alive only while a hash is pending on it. */
function track(id: number, target: Pending): void {
  pending.set(id, target);
  if (pending.size === 1) worker?.ref();
}

function untrack(id: number): void {
  if (pending.delete(id) && pending.size === 0) worker?.unref();
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
  private slot: number | undefined;
  private filled = 0;
  private finished = false;
  private result: { resolve(hex: string): void; reject(error: Error): void } | undefined;

  constructor() {
    track(this.id, {
      onDigest: (hex) => this.result?.resolve(hex),
      onError: (error) => this.result?.reject(error),
    });
  }

  private send(digest: boolean): void {
    if (this.slot !== undefined && this.filled > 0) {
      slotsInFlight += 1;
      this.worker.postMessage({ id: this.id, slot: this.slot, length: this.filled, digest });
      this.slot = undefined;
      this.filled = 0;
      return;
    }
    if (this.slot !== undefined) freeSlots.push(this.slot);
    this.slot = undefined;
    if (digest) this.worker.postMessage({ id: this.id, digest });
  }

  async update(chunk: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.slot === undefined) this.slot = await acquireSlot(this.worker);
      const count = Math.min(SLOT_BYTES - this.filled, chunk.length - offset);
      slots[this.slot]!.set(chunk.subarray(offset, offset + count), this.filled);
      this.filled += count;
      offset += count;
      if (this.filled === SLOT_BYTES) this.send(false);
    }
  }

  dispose(): void {
    if (this.finished) return;
    // Abandoned mid-stream (the pipeline failed): give the slot back, let the worker drop its state.
    this.finished = true;
    if (this.slot !== undefined) freeSlots.push(this.slot);
    this.slot = undefined;
    untrack(this.id);
    if (!failure) this.worker.postMessage({ id: this.id, digest: true });
  }

  digest(): Promise<string> {
    if (failure) return Promise.reject(failure);
    this.finished = true;
    const result = new Promise<string>((resolve, reject) => {
      this.result = { resolve, reject };
    });
    this.send(true);
    return result;
  }
}

/** A SHA-256 for a stream of about `expectedBytes`: on the worker when large, inline when small. */
export function streamHash(expectedBytes: number): StreamHash {
  // Should the worker ever have died, hashing goes on inline: slower, never wrong.
  return expectedBytes >= OFF_THREAD_MIN_BYTES && failure === undefined ? new WorkerHash() : new InlineHash();
}
