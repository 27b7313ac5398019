/**
 * The TWA1 chunk cipher on a worker thread, for AttachmentStore: sealing (with the blob's writes)
 * and opening.
 *
 * Ingesting an attachment costs, per byte, one SHA-256 and one ChaCha20-Poly1305; reading one costs
 * the same again in the other direction, the hash being the consumer's (a verify, an archive's bag
 * manifest). On one thread the two take turns (about 3 ms per MB on this class of machine, short of
 * the disk); with the cipher here they overlap on two cores and the disk becomes the limit.
 *
 * Sealing: plaintext reaches the worker only through a few 1 MiB slots of shared memory owned by the
 * job (no garbage on the main thread, memory bounded by the slots: the caller waits for a free one
 * when the worker falls behind). The worker writes nothing but ciphertext, asynchronously so that it
 * seals the next chunk while the disk takes this one, at fixed positions of a file descriptor the
 * main thread opened and will close. Before the caller may close the descriptor it must call
 * settle(): a write still in flight on a closed (and perhaps reused) descriptor could land in
 * another file.
 *
 * Opening: the main thread reads each sealed chunk, checks its shape and hands it over (transferred,
 * not copied); the worker only runs the cipher and hands back the plaintext the same way, or says
 * that the chunk failed authentication. What a failure means stays with the main thread's
 * ChunkOpener. The payload key is copied to the worker for each job and zeroed there when it ends.
 */
import { Worker } from 'node:worker_threads';
import { CHUNK_SIZE, HEADER_LENGTH, SEALED_CHUNK_SIZE, TAG_LENGTH } from './stream-crypto';

/**
 * Slots of settled jobs, zeroed, for the next job: a slot allocated per job stays allocated until
 * the worker (whose heap hardly grows) collects its handle, some 4 MiB per attachment written.
 */
const spareSlots: SharedArrayBuffer[] = [];
/** Slots one job may hold: the worker seals one while the main thread fills the next. */
const MAX_SLOTS_PER_JOB = 4;
/**
 * Sealed chunks a job may have waiting for the disk. Each holds 1 MiB of ciphertext on the worker;
 * without a bound a disk slower than the cipher would let them pile up without limit.
 */
const MAX_WRITES_PER_JOB = 4;
/** Chunks sealed or opened between two scavenges on the worker. */
const COLLECT_EVERY_CHUNKS = 8;

// Plain JavaScript evaluated as the worker: nothing to build or locate at run time, no loader
// inherited. The nonce is stream-crypto.ts's chunkNonce: 11-byte big-endian counter || last flag.
const WORKER_SOURCE = `
const { parentPort } = process.getBuiltinModule('node:worker_threads');
const { createCipheriv, createDecipheriv } = process.getBuiltinModule('node:crypto');
const fs = process.getBuiltinModule('node:fs');
const TAG = ${TAG_LENGTH};
const jobs = new Map();
// Each chunk leaves 1 MiB of cipher output (Node allocates it) that V8 reclaims only after tens of
// MiB have piled up; a scavenge every few chunks (not every one: what survives two is promoted, and
// then only a full collection frees it) keeps this thread's share of memory to a few MiB
// (as the archive's workers do). gc is exposed in a new context only, the documented way.
process.getBuiltinModule('node:v8').setFlagsFromString('--expose-gc');
const collect = process.getBuiltinModule('node:vm').runInNewContext('gc');
let sinceCollect = 0;
function collected() {
  if (++sinceCollect < ${COLLECT_EVERY_CHUNKS}) return;
  sinceCollect = 0;
  collect({ type: 'minor' });
}
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
function open(job, message) {
  const sealed = Buffer.from(message.sealed.buffer, message.sealed.byteOffset, message.sealed.byteLength);
  const decipher = createDecipheriv('chacha20-poly1305', job.key, nonce(message.counter, message.last), { authTagLength: TAG });
  decipher.setAAD(job.header, { plaintextLength: sealed.length - TAG });
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  const plaintext = decipher.update(sealed.subarray(0, sealed.length - TAG));
  try { decipher.final(); } catch { return undefined; }
  return plaintext;
}
function reply(message, transfer) {
  try {
    parentPort.postMessage(message, transfer);
  } catch {
    parentPort.postMessage(message); // a buffer that cannot be transferred is copied instead
  }
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
  if (message.op === 'open') {
    if (job === undefined) { parentPort.postMessage({ id: message.id, seq: message.seq, error: { message: 'the job has ended' } }); return; }
    const plaintext = open(job, message);
    if (plaintext === undefined) { parentPort.postMessage({ id: message.id, seq: message.seq, failed: true }); return; }
    const whole = plaintext.byteOffset === 0 && plaintext.byteLength === plaintext.buffer.byteLength;
    reply({ id: message.id, seq: message.seq, plaintext }, whole ? [plaintext.buffer] : []);
    collected();
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
    collected();
  });
});
`;

/** A slot handed back (its plaintext consumed), a write completed, or both; with the error that ended the job. */
interface SealReply {
  id: number;
  /** An open's sequence number, its plaintext, or that it failed authentication. */
  seq?: number;
  plaintext?: Uint8Array;
  failed?: boolean;
  freed?: number;
  /** Ciphertext bytes now in the file (0 for a write that failed or was skipped). */
  wrote?: number;
  error?: { message: string; code?: string };
}

let worker: Worker | undefined;
let online: Promise<boolean> | undefined;
let failure: Error | undefined;
let nextId = 1;
/** What the worker's replies are routed to, by job id. */
interface WorkerJob {
  receive(reply: SealReply): void;
  fail(error: Error): void;
}
const jobs = new Map<number, WorkerJob>();

function sharedWorker(): Worker {
  if (failure) throw failure;
  if (worker !== undefined) return worker;
  const started = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
  started.on('message', (reply: SealReply) => jobs.get(reply.id)?.receive(reply));
  const fail = (error: Error) => {
    failure = error;
    for (const job of [...jobs.values()]) job.fail(error);
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`the attachment cipher worker exited (code ${code})`)));
  online = new Promise<boolean>((resolve) => {
    // Referenced until it is online: a caller waiting for it (cipherWorkerReady) keeps the process alive.
    started.once('online', () => {
      if (jobs.size === 0) started.unref();
      resolve(true);
    });
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
export async function cipherWorkerReady(): Promise<boolean> {
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
export class SealWorkerJob implements WorkerJob {
  readonly id = nextId++;
  private readonly worker: Worker;
  private readonly slots: Buffer[] = [];
  private readonly memory: SharedArrayBuffer[] = [];
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
        const memory = spareSlots.pop() ?? new SharedArrayBuffer(CHUNK_SIZE);
        this.memory.push(memory);
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
    // The worker holds none of them now: the next job reuses them (see spareSlots).
    spareSlots.push(...this.memory);
    this.memory.length = 0;
  }

  /** After settle(): throws the first error of any write. */
  finished(): void {
    if (this.failed) throw this.failed;
  }
}

/**
 * One blob being read: opens its chunks on the worker, in any order and several at a time, each
 * under the nonce of the index the caller gives.
 */
export class OpenWorkerJob implements WorkerJob {
  readonly id = nextId++;
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve(plaintext: Buffer | undefined): void; reject(error: Error): void }>();
  private nextSeq = 0;
  private failed: Error | undefined;
  private ended = false;

  constructor(payloadKey: Buffer, header: Buffer) {
    this.worker = sharedWorker();
    jobs.set(this.id, this);
    if (jobs.size === 1) this.worker.ref();
    // The structured clone copies the key; the caller zeroes its own.
    this.worker.postMessage({ op: 'start', id: this.id, key: payloadKey, header, fd: -1 });
  }

  /**
   * Decrypts `sealed` (ciphertext || tag) as chunk `index`. Resolves with the plaintext, or with
   * undefined when the chunk fails authentication. `sealed` is handed over: when it owns its whole
   * memory it is transferred, and is empty here afterwards.
   */
  open(sealed: Buffer, index: number, last: boolean): Promise<Buffer | undefined> {
    if (this.failed) return Promise.reject(this.failed);
    const seq = this.nextSeq++;
    const result = new Promise<Buffer | undefined>((resolve, reject) => this.waiting.set(seq, { resolve, reject }));
    const message = { op: 'open', id: this.id, seq, sealed, counter: index, last };
    const whole = sealed.byteOffset === 0 && sealed.byteLength === sealed.buffer.byteLength && !(sealed.buffer instanceof SharedArrayBuffer);
    try {
      this.worker.postMessage(message, whole ? [sealed.buffer as ArrayBuffer] : []);
    } catch {
      this.worker.postMessage(message); // not transferable (Node's buffer pool): copied instead
    }
    return result;
  }

  receive(reply: SealReply): void {
    if (reply.seq === undefined) return;
    const waiter = this.waiting.get(reply.seq);
    this.waiting.delete(reply.seq);
    if (waiter === undefined) return;
    if (reply.error !== undefined) waiter.reject(workerError(reply.error));
    else if (reply.failed || reply.plaintext === undefined) waiter.resolve(undefined);
    else waiter.resolve(Buffer.from(reply.plaintext.buffer, reply.plaintext.byteOffset, reply.plaintext.byteLength));
  }

  fail(error: Error): void {
    this.failed ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }

  /** Ends the job (the worker zeroes its key); opens still pending are refused. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.fail(new Error('the attachment reader was closed'));
    jobs.delete(this.id);
    if (failure === undefined) {
      this.worker.postMessage({ op: 'end', id: this.id });
      if (jobs.size === 0) this.worker.unref();
    }
  }
}
