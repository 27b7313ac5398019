/**
 * STREAM payloads (ChaCha20-Poly1305 chunks, nonce = 11-byte counter || last flag) on worker
 * threads, for files on disk: age's payload, and the vault's own attachment files (TWA1, the same
 * construction with the header as associated data), each job on its own lane.
 *
 * Sealing an archive decrypts each attachment out of the vault and age-encrypts the tar: two
 * ciphers over every byte, plus two SHA-256s. Opening one age-decrypts and re-encrypts into
 * staging. On the main thread alone the two ciphers take turns; here the age cipher and the archive
 * file's reads or writes run on the 'age' worker, the attachment's cipher and I/O on the 'vault'
 * worker (../vault-blobs.ts), while the main thread does the rest (tar, bag, and the archive file's
 * SHA-256, from the shared memory its ciphertext passes through). Only byte-level work moves: headers, the keys' origin and every decision about
 * what a failed chunk means stay on the main thread (age.ts, vault-blobs.ts).
 *
 * Plaintext crosses between the threads through a few slots of shared memory per job (no transfer;
 * memory bounded by the slots, and the caller waits for a free one
 * when the worker falls behind). It is never written anywhere but the slots: the worker writes and
 * reads only ciphertext, at positions in a file descriptor the main thread opened and closes.
 * The payload key is copied to the worker for the job and zeroed there when the job ends.
 */
import type { FileHandle } from 'node:fs/promises';
import type { Hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { AGE_CHUNK_SIZE, AGE_SEALED_CHUNK_SIZE } from './age';
import { BackgroundSync } from '../../files/background-sync';

/** age chunks per slot: 1 MiB of plaintext, a little more of ciphertext. */
export const CHUNKS_PER_SLOT = 16;
/** Sealed bytes a slot holds (and one open request may read). */
export const SLOT_SEALED_BYTES = CHUNKS_PER_SLOT * AGE_SEALED_CHUNK_SIZE;
export const SLOT_PLAINTEXT_BYTES = CHUNKS_PER_SLOT * AGE_CHUNK_SIZE;
const SLOT_BYTES = SLOT_SEALED_BYTES;
/** Slots per job: enough for the worker to work on one while the main thread fills (or empties) the others. */
const SLOTS_PER_JOB = 4;
/** Requests (of up to a slot each) between two scavenges on a worker. */
const COLLECT_EVERY_REQUESTS = 2;

// Plain JavaScript evaluated as the worker, as in sha256-stream.ts: nothing to build or locate.
const WORKER_SOURCE = `
const { parentPort } = process.getBuiltinModule('node:worker_threads');
const { createCipheriv, createDecipheriv, createHash } = process.getBuiltinModule('node:crypto');
const fs = process.getBuiltinModule('node:fs');
const TAG = 16;
const jobs = new Map();
// Every request leaves a slot's worth of cipher output (Node allocates it) for the collector, which
// V8 only reclaims after tens of MiB: a scavenge every few requests keeps this thread's share of
// the process's memory to a few MiB. gc is exposed in a new context only (the documented way), not here.
process.getBuiltinModule('node:v8').setFlagsFromString('--expose-gc');
const collect = process.getBuiltinModule('node:vm').runInNewContext('gc');
let sinceCollect = 0;
function collected() {
  if (++sinceCollect < ${COLLECT_EVERY_REQUESTS}) return;
  sinceCollect = 0;
  collect({ type: 'minor' });
}
function nonce(counter, last) {
  const value = Buffer.alloc(12);
  value.writeUIntBE(counter, 5, 6);
  value[11] = last ? 1 : 0;
  return value;
}
// Node allocates the output of every update(); one of more than 128 KiB (glibc's mmap threshold)
// is fresh pages each time (faults, zeroing, unmapping: a third of the cipher's cost for the
// vault's 1 MiB chunks), so ciphers are fed at most 64 KiB at a time.
const UPDATE_BYTES = 65536;
function updates(cipher, input, out) {
  for (let offset = 0; offset < input.length; offset += UPDATE_BYTES) out.push(cipher.update(input.subarray(offset, offset + UPDATE_BYTES)));
}
// Opens one sealed chunk into target (at least its plaintext's length); false if it does not
// authenticate, and then target holds nothing of it.
function openInto(job, sealed, counter, last, target) {
  const length = sealed.length - TAG;
  const decipher = createDecipheriv('chacha20-poly1305', job.key, nonce(counter, last), { authTagLength: TAG });
  if (job.aad) decipher.setAAD(job.aad, { plaintextLength: length });
  decipher.setAuthTag(sealed.subarray(length));
  for (let offset = 0; offset < length; offset += UPDATE_BYTES) target.set(decipher.update(sealed.subarray(offset, Math.min(offset + UPDATE_BYTES, length))), offset);
  try { decipher.final(); } catch { target.fill(0, 0, length); return false; }
  return true;
}
function writeAll(fd, buffers, position) {
  let total = 0;
  for (const buffer of buffers) total += buffer.length;
  let written = fs.writevSync(fd, buffers, position);
  if (written < total) {
    const rest = Buffer.concat(buffers).subarray(written);
    let offset = 0;
    while (offset < rest.length) offset += fs.writeSync(fd, rest, offset, rest.length - offset, position + written + offset);
  }
  return total;
}
function readAll(fd, buffer, length, position) {
  let filled = 0;
  while (filled < length) {
    const count = fs.readSync(fd, buffer, filled, length - filled, position + filled);
    if (count === 0) break;
    filled += count;
  }
  return filled;
}
// Plaintext in pieces of any length, from shared memory that may belong to another job (age's
// slots, on import): sealed as one stream of the announced size, each chunk's cipher fed across
// pieces, each piece's ciphertext written at once. The last chunk follows from the size.
function sealPiece(job, message) {
  const input = Buffer.from(message.memory, message.offset, message.length);
  const out = [];
  let offset = 0;
  while (offset < input.length) {
    if (job.counter >= job.chunks) throw new Error('more plaintext than the stream announced');
    if (job.cipher === undefined) startChunk(job);
    const take = Math.min(input.length - offset, job.chunkLength - job.filled);
    const plaintext = input.subarray(offset, offset + take);
    if (job.hashes === 'plaintext') job.hash.update(plaintext);
    updates(job.cipher, plaintext, out);
    job.filled += take;
    offset += take;
    if (job.filled === job.chunkLength) endChunk(job, out);
  }
  return emit(job, out, message);
}
// Writes a piece's ciphertext at the stream's position; with message.out through that shared
// buffer (one copy here), where the main thread hashes it once this answer is in.
function emit(job, out, message) {
  let bytes;
  if (message.out === undefined) {
    bytes = writeAll(job.fd, out, job.position);
  } else {
    const target = job.outs[message.out];
    bytes = 0;
    for (const buffer of out) { target.set(buffer, bytes); bytes += buffer.length; }
    writeAll(job.fd, [target.subarray(0, bytes)], job.position);
  }
  job.position += bytes;
  return { bytes, out: message.out };
}
function startChunk(job) {
  const last = job.counter === job.chunks - 1;
  job.chunkLength = last ? job.size - job.counter * job.chunk : job.chunk;
  job.cipher = createCipheriv('chacha20-poly1305', job.key, nonce(job.counter, last), { authTagLength: TAG });
  if (job.aad) job.cipher.setAAD(job.aad, { plaintextLength: job.chunkLength });
  job.filled = 0;
}
function endChunk(job, out) {
  job.cipher.final();
  out.push(job.cipher.getAuthTag());
  job.cipher = undefined;
  job.counter += 1;
}
// After the last piece: an empty stream still gets its one (empty, final) chunk; a short one is an error.
function finishPieces(job, message) {
  const out = [];
  if (job.size === 0 && job.counter === 0) { startChunk(job); endChunk(job, out); }
  if (job.counter !== job.chunks) throw new Error('the stream ended before its announced size');
  return emit(job, out, message);
}
function openChunks(job, message) {
  const sealedChunk = job.chunk + TAG;
  // Read into the slot's shared twin where the main thread hashes the file (options.sealedSlots).
  const sealed = job.sealed ? job.sealed[message.slot].subarray(0, message.length) : (job.scratch ??= Buffer.allocUnsafe(${SLOT_BYTES})).subarray(0, message.length);
  if (readAll(job.fd, sealed, message.length, message.position) < message.length) return { slot: message.slot, short: true };
  const out = job.slots[message.slot];
  const count = Math.ceil(message.length / sealedChunk);
  let filled = 0;
  for (let index = 0; index < count; index++) {
    const last = message.last && index === count - 1;
    const chunk = sealed.subarray(index * sealedChunk, Math.min((index + 1) * sealedChunk, message.length));
    const target = out.subarray(filled, filled + chunk.length - TAG);
    if (!openInto(job, chunk, message.counter + index, last, target)) {
      // Whether it opens as a final chunk (data after the end); its plaintext is not handed over either way.
      const opensAsLast = !last && openInto(job, chunk, message.counter + index, true, target);
      target.fill(0);
      return { slot: message.slot, length: filled, failedAt: index, opensAsLast };
    }
    if (job.hashes === 'plaintext') job.hash.update(target);
    filled += target.length;
  }
  return { slot: message.slot, length: filled };
}
function end(id) {
  const job = jobs.get(id);
  if (job === undefined) return;
  job.key.fill(0);
  job.scratch?.fill(0);
  jobs.delete(id);
}
parentPort.on('message', (message) => {
  if (message.op === 'start') {
    jobs.set(message.id, {
      key: Buffer.from(message.key),
      fd: message.fd,
      slots: message.slots.map((memory) => Buffer.from(memory)),
      sealed: message.sealed?.map((memory) => Buffer.from(memory)),
      outs: message.outs?.map((memory) => Buffer.from(memory)),
      hash: createHash('sha256'),
      chunk: message.chunk,
      aad: message.aad === undefined ? undefined : Buffer.from(message.aad),
      hashes: message.hashes,
      // Piece mode only (sealPiece): the plaintext size announced, and where the payload begins.
      size: message.size,
      chunks: message.size === undefined ? undefined : Math.max(1, Math.ceil(message.size / message.chunk)),
      position: message.position,
      counter: 0,
    });
    message.key.fill(0);
    return;
  }
  if (message.op === 'end') { end(message.id); parentPort.postMessage({ id: message.id, ended: true }); return; }
  const job = jobs.get(message.id);
  if (job === undefined) {
    // The job failed (or ended) before: answer, so the main thread never waits.
    parentPort.postMessage({ id: message.id, seq: message.seq, gone: true });
    return;
  }
  try {
    if (message.op === 'piece') { parentPort.postMessage({ id: message.id, seq: message.seq, ...sealPiece(job, message) }); collected(); return; }
    if (message.op === 'finish') { parentPort.postMessage({ id: message.id, ...finishPieces(job, message) }); return; }
    if (message.op === 'open') { parentPort.postMessage({ id: message.id, ...openChunks(job, message) }); collected(); return; }
    if (message.op === 'digest') { const hex = job.hash.digest('hex'); end(message.id); parentPort.postMessage({ id: message.id, hex }); return; }
  } catch (error) {
    end(message.id);
    parentPort.postMessage({ id: message.id, slot: message.slot, seq: message.seq, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

/** How one job uses the worker; the defaults are an age payload. */
export interface StreamJobOptions {
  lane?: WorkerLane;
  /** Plaintext bytes per STREAM chunk (age: 64 KiB; the vault's attachments: their version's chunk size). */
  chunkSize?: number;
  /** Associated data of every chunk (the vault's attachments authenticate their header; age none). */
  aad?: Uint8Array;
  /**
   * Whether the worker hashes the plaintext for digest() (the vault's attachments, read on export
   * without a recorded hash). The hash of an archive file is taken on the main thread, from
   * sealedSlots or ciphertextSlots, beside the worker's cipher.
   */
  hashes?: 'plaintext' | 'none';
  /**
   * For open(): read each request's sealed bytes into a second slot of shared memory, the twin of
   * its plaintext slot (sealedSlots), so that this thread can hash the file beside the worker's
   * cipher; valid until the plaintext slot goes back to the worker.
   */
  sealedSlots?: boolean;
  /**
   * Piece mode: the worker writes each request's ciphertext through one of this many buffers of
   * shared memory (ciphertextSlots), where this thread can hash the file beside the worker's cipher.
   */
  ciphertextSlots?: number;
  /**
   * For sealPiece(): the plaintext size the stream will have (its last chunk follows from it) and
   * the file position where its first chunk goes.
   */
  pieces?: { size: number; position: number };
}

/** What the worker answers to one piece/finish/open/digest request. */
export interface AgeWorkerReply {
  slot?: number;
  /** sealPiece, finishPieces: ciphertext bytes written. */
  bytes?: number;
  /** open: plaintext bytes in the slot. */
  length?: number;
  /** open: the file ended (or shrank) before the chunks asked for. */
  short?: boolean;
  /** open: index (in the request) of the first chunk that failed authentication as a non-final chunk. */
  failedAt?: number;
  /** open: whether that chunk authenticates as a final chunk (data after the end). */
  opensAsLast?: boolean;
  hex?: string;
  /** sealPiece, finishPieces: the ciphertext buffer it went through, if one was given. */
  out?: number;
  /** sealPiece: the number it was given (its memory may be reused once this answer is in). */
  seq?: number;
  /** The job had failed or ended on the worker before this request. */
  gone?: boolean;
  error?: { message: string; code?: string };
}

/**
 * Which worker a job runs on. Two, so that the two ciphers of an export or import (the vault's
 * attachment cipher and age's) run at the same time on a two-core machine instead of taking turns.
 */
export type WorkerLane = 'age' | 'vault';

const workers = new Map<WorkerLane, Worker>();
/**
 * Slots of ended jobs, zeroed, for the next job. A slot allocated per job stays allocated until
 * both threads have collected their handles to it, which on the worker (whose heap hardly grows)
 * meant tens of MiB of dead slots after an import or export: reused, the memory stays bounded by
 * the most jobs ever open at once.
 */
const spareSlots: SharedArrayBuffer[] = [];
/**
 * Keeps a piece a reader yielded valid past the next one, until the returned function is called;
 * undefined when the piece is not a view of a reader's shared memory (then it is the consumer's to
 * keep anyway).
 */
export type HoldPiece = (piece: Uint8Array) => (() => void) | undefined;

/** A piece's ciphertext: up to a slot of plaintext, and the tags of every chunk it touches. */
const CIPHERTEXT_SLOT_BYTES = SLOT_BYTES + 4096;
const spareCiphertextSlots: SharedArrayBuffer[] = [];
let failure: Error | undefined;
let nextId = 1;
const jobs = new Map<number, AgeWorkerJob>();

function sharedWorker(lane: WorkerLane): Worker {
  if (failure) throw failure;
  const running = workers.get(lane);
  if (running !== undefined) return running;
  // No inherited flags: the worker needs no loader (tsx, --import …), only node:crypto and node:fs.
  const started = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
  started.unref();
  started.on('message', (message: AgeWorkerReply & { id: number }) => jobs.get(message.id)?.receive(message));
  const fail = (error: Error) => {
    failure = error;
    for (const job of [...jobs.values()]) job.fail(error);
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`the ${lane} cipher worker exited (code ${code})`)));
  workers.set(lane, started);
  return started;
}

/** Whether the workers can be used (neither has failed in this process). */
export function ageWorkerAvailable(): boolean {
  return failure === undefined;
}

/** An error from the worker, with the errno code of a failed read or write kept for the caller. */
function workerError(error: { message: string; code?: string }): Error {
  return Object.assign(new Error(error.message), error.code === undefined ? {} : { code: error.code });
}

/**
 * One file's payload on the worker: requests are answered in the order they were made, and each
 * holds one of the job's slots until its answer has been taken with next().
 */
export class AgeWorkerJob {
  readonly id = nextId++;
  readonly slots: Buffer[];
  /** With options.sealedSlots: per slot, the sealed bytes its last open() read (else empty). */
  readonly sealedSlots: Buffer[];
  /** With options.ciphertextSlots: buffers a piece's ciphertext goes through (else empty). */
  readonly ciphertextSlots: Buffer[];
  private readonly ciphertextMemory: SharedArrayBuffer[];
  readonly worker: Worker;
  private readonly memory: SharedArrayBuffer[];
  private readonly sealedMemory: SharedArrayBuffer[];
  private readonly free: number[] = [];
  /** Per slot: how many holds (hold()) keep it from going back to the worker. */
  private readonly holds: number[];
  /** Slots released by the main thread while still held: free once the last hold ends. */
  private readonly releasedWhileHeld = new Set<number>();
  /** Slots of an ended job still held: zeroed and pooled once the last hold ends. */
  private readonly retireWhenFree = new Set<number>();
  private readonly pieceDone = new Map<number, () => void>();
  private nextSeq = 0;
  private readonly answered: AgeWorkerReply[] = [];
  private waiting: { resolve(reply: AgeWorkerReply): void; reject(error: Error): void } | undefined;
  private outstanding = 0;
  private failed: Error | undefined;
  private ended = false;
  private closed: (() => void) | undefined;
  /** Told whenever a slot becomes free (released and no longer held). */
  onSlotFree: (() => void) | undefined;
  /** The slot a view of which the job's reader is handing out right now (see lend, holdLentPiece). */
  private lent: number | undefined;

  /** `payloadKey` is copied to the worker; `fd` stays open (the caller's) until the job has ended. */
  constructor(payloadKey: Buffer, fd: number, options: StreamJobOptions = {}) {
    const lane = options.lane ?? 'age';
    const chunk = options.chunkSize ?? AGE_CHUNK_SIZE;
    if (!Number.isInteger(chunk) || chunk <= 0 || chunk > SLOT_PLAINTEXT_BYTES) throw new RangeError('stream chunk size must fit in one slot');
    if (options.pieces !== undefined && !(Number.isSafeInteger(options.pieces.size) && options.pieces.size >= 0)) throw new RangeError('a stream size is a whole number of bytes');
    this.worker = sharedWorker(lane);
    const memory = Array.from({ length: SLOTS_PER_JOB }, () => spareSlots.pop() ?? new SharedArrayBuffer(SLOT_BYTES));
    this.memory = memory;
    this.slots = memory.map((shared) => Buffer.from(shared));
    this.sealedMemory = options.sealedSlots ? memory.map(() => spareSlots.pop() ?? new SharedArrayBuffer(SLOT_BYTES)) : [];
    this.sealedSlots = this.sealedMemory.map((shared) => Buffer.from(shared));
    this.ciphertextMemory = Array.from({ length: options.ciphertextSlots ?? 0 }, () => spareCiphertextSlots.pop() ?? new SharedArrayBuffer(CIPHERTEXT_SLOT_BYTES));
    this.ciphertextSlots = this.ciphertextMemory.map((shared) => Buffer.from(shared));
    this.holds = memory.map(() => 0);
    this.free.push(...this.slots.keys());
    jobs.set(this.id, this);
    this.worker.ref();
    const aad = options.aad === undefined ? undefined : new Uint8Array(options.aad);
    this.worker.postMessage({
      op: 'start',
      id: this.id,
      key: new Uint8Array(payloadKey),
      fd,
      slots: memory,
      ...(options.sealedSlots ? { sealed: this.sealedMemory } : {}),
      ...(options.ciphertextSlots ? { outs: this.ciphertextMemory } : {}),
      chunk,
      aad,
      hashes: options.hashes ?? 'none',
      ...(options.pieces === undefined ? {} : { size: options.pieces.size, position: options.pieces.position }),
    });
  }

  receive(reply: AgeWorkerReply): void {
    this.outstanding -= 1;
    if (reply.seq !== undefined) {
      // The worker is done with that piece's memory, whatever the outcome.
      const done = this.pieceDone.get(reply.seq);
      this.pieceDone.delete(reply.seq);
      done?.();
    }
    if (this.closed) {
      if (this.outstanding === 0) this.closed();
      return;
    }
    if (reply.error) return this.fail(workerError(reply.error));
    if (reply.gone) return this.fail(this.failed ?? new Error('the age worker has no such job'));
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting.resolve(reply);
    } else {
      this.answered.push(reply);
    }
  }

  fail(error: Error): void {
    this.failed ??= error;
    if (failure) {
      // A dead worker touches no file and no memory any more: closing is done, every piece is free.
      this.closed?.();
      const done = [...this.pieceDone.values()];
      this.pieceDone.clear();
      for (const callback of done) callback();
    }
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(this.failed);
  }

  /** Throws the job's error, if it has failed. */
  throwIfFailed(): void {
    if (this.failed) throw this.failed;
  }

  /** A free slot, if one is: else the caller takes an answer first with next(). */
  freeSlot(): number | undefined {
    if (this.failed) throw this.failed;
    return this.free.pop();
  }

  /** Gives a slot back once its answer has been used (it goes to the worker again once nothing holds it). */
  release(slot: number): void {
    if (this.holds[slot]! > 0) {
      this.releasedWhileHeld.add(slot);
      return;
    }
    this.free.push(slot);
    this.onSlotFree?.();
  }

  /**
   * Keeps `slot`'s bytes as they are, after the main thread has released it, until the returned
   * function is called: for handing them to another thread without a copy. Call it only while the
   * slot's bytes are valid (before release(), or while another hold lasts).
   */
  hold(slot: number): () => void {
    if (this.free.includes(slot) || this.retireWhenFree.has(slot)) throw new Error('holding a slot that is not in use');
    this.holds[slot]! += 1;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.holds[slot]! -= 1;
      if (this.holds[slot]! > 0) return;
      if (this.retireWhenFree.delete(slot)) {
        this.slots[slot]!.fill(0);
        spareSlots.push(this.memory[slot]!);
      } else if (this.releasedWhileHeld.delete(slot)) {
        this.free.push(slot);
        this.onSlotFree?.();
      }
    };
  }

  /**
   * Says that a view of `slot` is being handed to a consumer (undefined: none is): until the next
   * call, holdLentPiece() may hold it, so that a consumer that passes it on to another worker need
   * not copy it. A reader calls it around each yield.
   */
  lend(slot: number | undefined): void {
    this.lent = slot;
  }

  /**
   * The lent slot, if `bytes` is a view of it; undefined if they are no view of this job's slots.
   * A view of one handed out before is refused: its memory may already hold other bytes.
   */
  lentSlotOf(bytes: Uint8Array): number | undefined {
    const slot = this.slotOf(bytes);
    if (slot !== undefined && slot !== this.lent) throw new Error('holding a piece that is no longer valid');
    return slot;
  }

  /** The slot whose shared memory `bytes` is a view of, if it is one of this job's. */
  slotOf(bytes: Uint8Array): number | undefined {
    const index = this.memory.indexOf(bytes.buffer as SharedArrayBuffer);
    return index === -1 ? undefined : index;
  }

  /** Requests in flight, answered or not, whose answers have not been taken. */
  get pending(): number {
    return this.outstanding + this.answered.length;
  }

  /** The oldest answer not yet taken (waits for it). */
  next(): Promise<AgeWorkerReply> {
    if (this.failed) return Promise.reject(this.failed);
    const ready = this.answered.shift();
    if (ready) return Promise.resolve(ready);
    if (this.outstanding === 0) return Promise.reject(new Error('no request is pending on the age worker'));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  /**
   * Piece mode (options.pieces): seals `length` bytes of `memory` from `offset` as the stream's next
   * bytes. `memory` may be another job's (age's slots, on import): `done` is called once the worker
   * has read them (or can no longer), and until then they must stay as they are.
   */
  sealPiece(memory: SharedArrayBuffer, offset: number, length: number, done: () => void, out?: number): void {
    if (this.failed) throw this.failed;
    const seq = this.nextSeq++;
    this.pieceDone.set(seq, done);
    this.post({ op: 'piece', seq, memory, offset, length, out }, true);
  }

  /** Piece mode: seals `length` bytes of this job's own `slot`, which is free again once the worker has read it. */
  sealSlot(slot: number, length: number, out?: number): void {
    this.sealPiece(this.memory[slot]!, 0, length, () => this.release(slot), out);
  }

  /** Piece mode: after the last piece; the answer is an error if the stream is not of its announced size. */
  finishPieces(out?: number): void {
    this.post({ op: 'finish', out }, true);
  }

  /**
   * Reads `length` sealed bytes at `position` (whole sealed chunks, the last of them shorter only
   * when `last`) and opens them into `slot`, the chunks numbered from `counter` on; with `last`
   * the final one of them is opened as the stream's final chunk.
   */
  open(slot: number, length: number, counter: number, position: number, last = false): void {
    if (length > SLOT_BYTES) throw new RangeError('more sealed bytes than a slot holds');
    this.post({ op: 'open', slot, length, counter, position, last }, true);
  }

  /** The SHA-256 of every byte hashed, after every request before it; ends the job. */
  async digest(): Promise<string> {
    this.post({ op: 'digest' }, true);
    for (;;) {
      const reply = await this.next();
      if (reply.hex !== undefined) {
        this.finish();
        return reply.hex;
      }
    }
  }

  /**
   * Ends the job (the worker zeroes its key) and resolves once the worker has finished every
   * request made before: only then may the caller close the file descriptor, which the worker
   * would otherwise still read or write (and a closed descriptor number is soon another file's).
   * Safe to call more than once, and after digest().
   */
  async close(): Promise<void> {
    if (this.ended) return;
    if (!failure) {
      const drained = new Promise<void>((resolve) => {
        this.closed = resolve;
      });
      this.outstanding += 1;
      this.worker.postMessage({ op: 'end', id: this.id });
      await drained;
    }
    this.finish();
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    jobs.delete(this.id);
    this.onSlotFree = undefined;
    // The worker has answered every request (or is gone): only holds may still use a slot.
    for (const [slot, memory] of this.sealedMemory.entries()) {
      this.sealedSlots[slot]!.fill(0);
      spareSlots.push(memory);
    }
    // Ciphertext only (what the file holds): pooled as it is.
    spareCiphertextSlots.push(...this.ciphertextMemory);
    for (const [slot, memory] of this.memory.entries()) {
      if (this.holds[slot]! > 0) {
        this.retireWhenFree.add(slot);
        continue;
      }
      this.slots[slot]!.fill(0);
      spareSlots.push(memory);
    }
    if (![...jobs.values()].some((job) => job.worker === this.worker)) this.worker.unref();
  }

  private post(message: Record<string, unknown>, answered: boolean): void {
    if (this.failed) throw this.failed;
    if (answered) this.outstanding += 1;
    this.worker.postMessage({ ...message, id: this.id });
  }
}

/**
 * Keeps a reading job's slots busy: whenever one is free (also one that a consumer held and let
 * go, so slots come back out of order) and `more()` says there is more to read, `ask(slot)` makes
 * the next open() request into it. `slotBack()` waits until a slot has come back, for when every
 * slot is held; it throws the job's error if it has failed meanwhile.
 */
export function readAhead(job: AgeWorkerJob, more: () => boolean, ask: (slot: number) => void): { refill(): void; slotBack(): Promise<void> } {
  let wake: (() => void) | undefined;
  const refill = () => {
    try {
      while (more()) {
        const slot = job.freeSlot();
        if (slot === undefined) break;
        ask(slot);
      }
    } catch {
      // The job failed: the reader learns it from next() or slotBack().
    }
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  job.onSlotFree = refill;
  return {
    refill,
    async slotBack() {
      await new Promise<void>((resolve) => (wake = resolve));
      job.throwIfFailed();
    },
  };
}

/**
 * Holds `bytes` if they are a view of a slot that its job's reader lends out right now (see
 * AgeWorkerJob.lend): they then stay as they are until the returned function is called, even
 * after the reader has moved on. Undefined for bytes that are no view of any job's slots, which the
 * caller must copy to keep; throws for a view of a slot no longer lent. Serves the age reader on
 * import (decryptAgeFile) and the vault reader on export (readBlobOffThread) alike.
 */
export const holdLentPiece: HoldPiece = (bytes) => {
  if (!(bytes.buffer instanceof SharedArrayBuffer) || bytes.length === 0) return undefined;
  for (const job of jobs.values()) {
    const slot = job.lentSlotOf(bytes);
    if (slot !== undefined) return job.hold(slot);
  }
  return undefined;
};

/**
 * Seals `source` through `job` as one STREAM payload of `size` bytes in piece mode (the job made
 * with options.pieces): every piece that is a lent slot of another job (holdLentPiece: the vault
 * worker's plaintext, on export) is sealed by the worker straight from there, not copied; the
 * rest (tar headers, padding, small sources) is gathered into the job's own slots. With
 * `fileHash` (the job made with PIECES_IN_FLIGHT ciphertextSlots) the ciphertext is added to it
 * here, in order, from the shared buffers it went through: the hash then costs this thread, not
 * the worker, which on export has the larger share. Syncs `handle` in the background as it goes.
 * A source of another size than `size` is refused. Returns the ciphertext bytes written; every
 * request has been answered when it returns.
 */
export async function sealPiecesThroughWorker(
  job: AgeWorkerJob,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: { handle: FileHandle; size: number; fileHash?: Hash },
): Promise<number> {
  const { fileHash } = options;
  if (fileHash !== undefined && job.ciphertextSlots.length === 0) throw new Error('hashing the ciphertext here needs ciphertext slots');
  const sync = new BackgroundSync(options.handle);
  const freeOuts = [...job.ciphertextSlots.keys()];
  let written = 0;
  const settle = async () => {
    sync.check();
    const reply = await job.next();
    const bytes = reply.bytes ?? 0;
    if (reply.out !== undefined) {
      // Answers come in the order asked: the file's bytes in order.
      fileHash?.update(job.ciphertextSlots[reply.out]!.subarray(0, bytes));
      freeOuts.push(reply.out);
    }
    written += bytes;
    sync.wrote(bytes);
  };
  /** A ciphertext buffer for the next request (undefined without fileHash); waits for one to come back. */
  const out = async (): Promise<number | undefined> => {
    if (fileHash === undefined) return undefined;
    while (freeOuts.length === 0) await settle();
    return freeOuts.shift();
  };
  let slot: number | undefined;
  let filled = 0;
  const flush = async () => {
    if (slot === undefined || filled === 0) return;
    const into = await out();
    job.sealSlot(slot, filled, into);
    slot = undefined;
    filled = 0;
  };
  try {
    let total = 0;
    for await (const bytes of source) {
      total += bytes.length;
      if (total > options.size) throw new Error(`the stream has more than its announced ${options.size} bytes`);
      const release = holdLentPiece(bytes);
      if (release !== undefined) {
        try {
          await flush();
          const into = await out();
          job.sealPiece(bytes.buffer as SharedArrayBuffer, bytes.byteOffset, bytes.length, release, into);
        } catch (error) {
          release();
          throw error;
        }
      } else {
        for (let offset = 0; offset < bytes.length; ) {
          while (slot === undefined) {
            slot = job.freeSlot();
            if (slot === undefined) await settle();
          }
          const count = Math.min(SLOT_BYTES - filled, bytes.length - offset);
          job.slots[slot]!.set(bytes.subarray(offset, offset + count), filled);
          filled += count;
          offset += count;
          if (filled === SLOT_BYTES) await flush();
        }
      }
      while (job.pending >= PIECES_IN_FLIGHT) await settle();
    }
    if (total !== options.size) throw new Error(`the stream has ${total} bytes, not the announced ${options.size}`);
    await flush();
    job.finishPieces(await out());
    while (job.pending > 0) await settle();
  } finally {
    if (slot !== undefined) job.release(slot);
    await sync.settle();
  }
  await sync.finish();
  return written;
}

/** Piece-mode requests on their way to the worker at once: the slots they hold (the vault job's four, on export) bound them anyway. */
export const PIECES_IN_FLIGHT = 8;
