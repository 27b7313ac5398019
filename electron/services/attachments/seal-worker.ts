/**
 * The TWA1 chunk cipher and the blob's writes on a worker thread, for AttachmentStore.write().
 *
 * Ingesting an attachment costs, per byte, one SHA-256 and one ChaCha20-Poly1305. On one thread they
 * take turns (about 3 ms per MB on this class of machine, short of the disk); here the main thread
 * reads the source and hashes it while the worker seals the previous chunk and writes it, so the two
 * overlap on two cores and the disk becomes the limit.
 *
 * Plaintext reaches the worker only through a few 1 MiB slots of shared memory owned by the job (no
 * transfer, no garbage on the main thread, memory bounded by the slots: the caller waits for a free
 * one when the worker falls behind). The worker writes nothing but ciphertext, asynchronously so that
 * it seals the next chunk while the disk takes this one, at fixed positions of a file descriptor the main thread opened and will close; the payload key is copied to it for the
 * job and zeroed there when the job ends. Before the caller may close the descriptor it must call
 * settle(): a write still in flight on a closed (and perhaps reused) descriptor could land in
 * another file.
 */
import { Worker } from 'node:worker_threads';
import { CHUNK_SIZE, HEADER_LENGTH, SEALED_CHUNK_SIZE, TAG_LENGTH } from './stream-crypto';

/** Slots one job may hold: the worker seals one while the main thread fills the next. */
const MAX_SLOTS_PER_JOB = 4;
/**
 * Sealed chunks a job may have waiting for the disk. Each holds 1 MiB of ciphertext on the worker;
 * without a bound a disk slower than the cipher would let them pile up without limit.
 */
const MAX_WRITES_PER_JOB = 4;

// Plain JavaScript evaluated as the worker: nothing to build or locate at run time, no loader
// inherited. The nonce is stream-crypto.ts's chunkNonce: 11-byte big-endian counter || last flag.
const WORKER_SOURCE = `
const { parentPort } = process.getBuiltinModule('node:worker_threads');
const { createCipheriv } = process.getBuiltinModule('node:crypto');
const fs = process.getBuiltinModule('node:fs');
const TAG = ${TAG_LENGTH};
const jobs = new Map();
function nonce(counter, last) {
  const value = Buffer.alloc(12);
  value.writeBigUInt64BE(BigInt(counter), 3);
  value[11] = last ? 1 : 0;
  return value;
}
// Asynchronous writes (libuv's thread pool): the next chunk is sealed while the disk takes this one.
function writeAll(fd, buffers, position, done) {
  let total = 0;
  for (const buffer of buffers) total += buffer.length;
  fs.writev(fd, buffers, position, (error, written) => {
    if (error) return done(error);
    if (written === total) return done(null, total);
    // A short write: the rest, one piece at a time.
    const rest = Buffer.concat(buffers).subarray(written);
    const more = (offset) => {
      if (offset === rest.length) return done(null, total);
      fs.write(fd, rest, offset, rest.length - offset, position + written + offset, (moreError, count) => (moreError ? done(moreError) : more(offset + count)));
    };
    more(0);
  });
}
function failure(error) {
  return { message: String(error && error.message), code: error && error.code };
}
function seal(job, message) {
  const plaintext = job.slots[message.slot].subarray(0, message.length);
  const cipher = createCipheriv('chacha20-poly1305', job.key, nonce(message.counter, message.last), { authTagLength: TAG });
  cipher.setAAD(job.header, { plaintextLength: message.length });
  const ciphertext = cipher.update(plaintext);
  const tail = cipher.final();
  return tail.length > 0 ? [ciphertext, tail, cipher.getAuthTag()] : [ciphertext, cipher.getAuthTag()];
}
parentPort.on('message', (message) => {
  if (message.op === 'start') {
    jobs.set(message.id, { key: Buffer.from(message.key), header: Buffer.from(message.header), fd: message.fd, slots: [] });
    message.key.fill(0);
    return;
  }
  const job = jobs.get(message.id);
  if (message.op === 'slot') { job?.slots.push(Buffer.from(message.memory)); return; }
  if (message.op === 'end') {
    if (job) { job.key.fill(0); jobs.delete(message.id); }
    return;
  }
  // A job that failed before: hand the slot back unwritten, so the main thread never waits.
  if (job === undefined || job.failed) { parentPort.postMessage({ id: message.id, freed: message.slot, wrote: 0 }); return; }
  let buffers;
  try {
    buffers = seal(job, message);
  } catch (error) {
    job.failed = true;
    parentPort.postMessage({ id: message.id, freed: message.slot, wrote: 0, error: failure(error) });
    return;
  }
  // The plaintext is consumed: the slot can be refilled while the ciphertext goes to disk.
  parentPort.postMessage({ id: message.id, freed: message.slot });
  writeAll(job.fd, buffers, message.position, (error, written) => {
    if (error) {
      job.failed = true;
      parentPort.postMessage({ id: message.id, wrote: 0, error: failure(error) });
    } else {
      parentPort.postMessage({ id: message.id, wrote: written });
    }
  });
});
`;

/** A slot handed back (its plaintext consumed), a write completed, or both; with the error that ended the job. */
interface SealReply {
  id: number;
  freed?: number;
  /** Ciphertext bytes now in the file (0 for a write that failed or was skipped). */
  wrote?: number;
  error?: { message: string; code?: string };
}

let worker: Worker | undefined;
let online: Promise<boolean> | undefined;
let failure: Error | undefined;
let nextId = 1;
const jobs = new Map<number, SealWorkerJob>();

function sharedWorker(): Worker {
  if (failure) throw failure;
  if (worker !== undefined) return worker;
  const started = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
  started.unref();
  started.on('message', (reply: SealReply) => jobs.get(reply.id)?.receive(reply));
  const fail = (error: Error) => {
    failure = error;
    for (const job of [...jobs.values()]) job.fail(error);
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`the attachment sealing worker exited (code ${code})`)));
  online = new Promise<boolean>((resolve) => {
    started.once('online', () => resolve(true));
    started.once('error', () => resolve(false));
    started.once('exit', () => resolve(false));
  });
  worker = started;
  return started;
}

/**
 * Starts the worker if need be and tells whether it runs. A process where it cannot start, or where
 * it died, seals on the calling thread instead: slower, never wrong, and no write is lost to it.
 */
export async function sealWorkerReady(): Promise<boolean> {
  if (failure) return false;
  try {
    sharedWorker();
  } catch {
    return false;
  }
  return (await online!) && failure === undefined;
}

/** An error from the worker, keeping the errno code of a failed write (ENOSPC, EFBIG, …) for the caller. */
function workerError(error: { message: string; code?: string }): Error {
  return Object.assign(new Error(error.message), error.code === undefined ? {} : { code: error.code });
}

/**
 * One blob being written: the caller fills slots with plaintext in order and hands each over with
 * seal(); the worker encrypts it as chunk `counter` and writes it at that chunk's position.
 */
export class SealWorkerJob {
  readonly id = nextId++;
  private readonly worker: Worker;
  private readonly slots: Buffer[] = [];
  private readonly free: number[] = [];
  /** Slots whose plaintext the worker has not consumed yet. */
  private slotsOut = 0;
  /** Chunks sealed but not yet written. */
  private writesOut = 0;
  private counter = 0;
  private failed: Error | undefined;
  private ended = false;
  private wake: (() => void) | undefined;

  /**
   * @param onWritten told how many ciphertext bytes each completed write put in the file (for the
   *   caller's background fdatasync).
   */
  constructor(
    payloadKey: Buffer,
    header: Buffer,
    fd: number,
    private readonly onWritten: (bytes: number) => void,
  ) {
    this.worker = sharedWorker();
    jobs.set(this.id, this);
    if (jobs.size === 1) this.worker.ref();
    // The structured clone copies the key; the caller zeroes its own.
    this.worker.postMessage({ op: 'start', id: this.id, key: payloadKey, header, fd });
  }

  receive(reply: SealReply): void {
    if (reply.freed !== undefined) {
      this.slotsOut -= 1;
      this.free.push(reply.freed);
    }
    if (reply.wrote !== undefined) {
      this.writesOut -= 1;
      if (reply.wrote > 0) this.onWritten(reply.wrote);
    }
    if (reply.error !== undefined) this.failed ??= workerError(reply.error);
    this.notify();
  }

  fail(error: Error): void {
    this.failed ??= error;
    // The worker is gone: nothing it held will come back, and nothing more will be written.
    this.slotsOut = 0;
    this.writesOut = 0;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private async waitForReply(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.wake = resolve;
    });
  }

  /**
   * A slot to fill with up to CHUNK_SIZE bytes of plaintext: a free one, a new one, or the next one
   * handed back; waits while MAX_WRITES_PER_JOB chunks are still on their way to the disk.
   */
  async acquire(): Promise<{ slot: number; memory: Buffer }> {
    for (;;) {
      if (this.failed) throw this.failed;
      if (this.writesOut >= MAX_WRITES_PER_JOB) {
        await this.waitForReply();
        continue;
      }
      const slot = this.free.pop();
      if (slot !== undefined) return { slot, memory: this.slots[slot]! };
      if (this.slots.length < MAX_SLOTS_PER_JOB) {
        const memory = new SharedArrayBuffer(CHUNK_SIZE);
        this.slots.push(Buffer.from(memory));
        this.worker.postMessage({ op: 'slot', id: this.id, memory });
        return { slot: this.slots.length - 1, memory: this.slots[this.slots.length - 1]! };
      }
      await this.waitForReply();
    }
  }

  /** Hands a filled slot over as the next chunk. Only the final chunk may be shorter than CHUNK_SIZE. */
  seal(slot: number, length: number, last: boolean): void {
    if (this.failed) throw this.failed;
    if (length > CHUNK_SIZE || (!last && length !== CHUNK_SIZE)) throw new RangeError('attachment chunk of the wrong size');
    const counter = this.counter;
    this.counter += 1;
    this.slotsOut += 1;
    this.writesOut += 1;
    this.worker.postMessage({ op: 'seal', id: this.id, slot, length, counter, last, position: HEADER_LENGTH + counter * SEALED_CHUNK_SIZE });
  }

  /**
   * Resolves once the worker holds no slot of this job, so nothing more will be written to the
   * descriptor, and ends the job (the worker zeroes its key). Never rejects: it runs on failure
   * paths too. Call finished() afterwards to learn whether every chunk was written.
   */
  async settle(): Promise<void> {
    while (this.slotsOut > 0 || this.writesOut > 0) await this.waitForReply();
    if (this.ended) return;
    this.ended = true;
    jobs.delete(this.id);
    if (failure === undefined) {
      this.worker.postMessage({ op: 'end', id: this.id });
      if (jobs.size === 0) this.worker.unref();
    }
    for (const memory of this.slots) memory.fill(0);
  }

  /** After settle(): throws the first error of any write. */
  finished(): void {
    if (this.failed) throw this.failed;
  }
}
