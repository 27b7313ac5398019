/**
 * Attachment throughput and memory: writes `sizeMiB` of random plaintext through the
 * AttachmentStore (hash + encrypt + fsync), once with the chunk cipher on the cipher worker and once
 * on the calling thread (the fallback, and how it worked before the worker), reads it back through decryption into a hashing sink,
 * and samples RSS every 50 ms. Memory must stay flat whatever the size.
 *
 * Beside it, the disk itself: the same number of bytes written raw (no hashing, no encryption) with
 * the store's write pattern (4 MiB writes, an fdatasync started every 64 MiB, fsync at the end),
 * once before and once after the attachment, so that a reader can tell a slow disk from slow code.
 *
 * Standalone: `node --import tsx bench/attachments.ts [sizeMiB]` (default 1024) in a temp folder.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { AttachmentStore } from '../electron/services/attachments/attachment-store';

export interface AttachmentBenchResult {
  /** Plaintext megabytes (10^6 bytes) per second, including the final fsync. */
  writeMBps: number;
  /**
   * The same write with the chunk cipher on the calling thread (the store's fallback, and how it
   * wrote before the sealing worker), in the same run: what moving the cipher off the thread buys.
   */
  writeThisThreadMBps: number;
  /** The read with the cipher on the calling thread, likewise. */
  readThisThreadMBps: number;
  /** Plaintext megabytes per second, decrypting and hashing. */
  readMBps: number;
  peakRssMiB: number;
  baselineRssMiB: number;
  /** Raw sequential write + fsync of the same size in MB/s, just before and just after the attachment. */
  diskWriteMBps: { before: number; after: number };
  /**
   * CPU time of the whole process (all threads, user + system) per plaintext MB: what the write and
   * the read cost whatever else runs on the machine. 1000 / this is the rate one free core allows.
   */
  cpuMsPerMB: { write: number; read: number };
  /**
   * Full (mark-compact) garbage collections during the write and the read, and their pauses: each
   * 1 MiB chunk is a fresh buffer (Node's ciphers allocate their output), and in a process with a
   * larger heap V8 reclaims them with full collections rather than cheap young-generation ones.
   */
  fullGc: { count: number; ms: number };
}

const MiB = 1024 * 1024;
const SAMPLE_INTERVAL_MS = 50;
const POOL_BLOCKS = 16;

/**
 * A pool of random 1 MiB blocks, made once. The source hands them out in turn: a buffer given to a
 * stream is never changed, so one block may be given many times. Generating a fresh gigabyte
 * (AES-CTR keystream, as before) cost the benchmark about a third of the write time on this
 * machine's two cores, time no real source (a file in the page cache) spends; what is written to
 * disk is ciphertext and so looks random whatever the plaintext.
 */
const pool = Array.from({ length: POOL_BLOCKS }, () => randomBytes(MiB));

function poolSource(totalBytes: number): Readable {
  let remaining = totalBytes;
  let next = 0;
  return new Readable({
    highWaterMark: MiB,
    read() {
      if (remaining === 0) {
        this.push(null);
        return;
      }
      const block = pool[next++ % POOL_BLOCKS]!;
      const size = Math.min(MiB, remaining);
      remaining -= size;
      this.push(size === MiB ? block : block.subarray(0, size));
    },
  });
}

class HashingSink extends Writable {
  private readonly hash = createHash('sha256');
  bytes = 0;

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    callback();
  }

  digestHex(): string {
    return this.hash.digest('hex');
  }
}

/** MB/s of writing `totalBytes` from the pool to a new file the way the store does, fsync included. */
async function rawDiskWrite(dir: string, totalBytes: number): Promise<number> {
  const file = path.join(dir, `raw-${randomBytes(4).toString('hex')}.bin`);
  const handle = await fs.promises.open(file, 'wx', 0o600);
  const start = process.hrtime.bigint();
  try {
    let written = 0;
    let unsynced = 0;
    let sync: Promise<void> | undefined;
    let block = 0;
    while (written < totalBytes) {
      const buffers: Buffer[] = [];
      for (let bytes = 0; bytes < 4 * MiB && written + bytes < totalBytes; bytes += MiB) {
        const size = Math.min(MiB, totalBytes - written - bytes);
        buffers.push(pool[block++ % POOL_BLOCKS]!.subarray(0, size));
      }
      const length = buffers.reduce((sum, buffer) => sum + buffer.length, 0);
      let done = 0;
      while (done < length) {
        const { bytesWritten } = await handle.writev(done === 0 ? buffers : [Buffer.concat(buffers).subarray(done)]);
        done += bytesWritten;
      }
      written += length;
      unsynced += length;
      if (unsynced >= 64 * MiB && sync === undefined) {
        unsynced = 0;
        sync = handle.datasync().then(() => {
          sync = undefined;
        });
      }
    }
    await sync;
    await handle.sync();
    return totalBytes / 1e6 / (Number(process.hrtime.bigint() - start) / 1e9);
  } finally {
    await handle.close();
    await fs.promises.rm(file, { force: true });
  }
}

const rssMiB = () => process.memoryUsage().rss / MiB;
const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

export async function benchAttachments(opts: { sizeMiB: number; dir: string }): Promise<AttachmentBenchResult> {
  const totalBytes = Math.round(opts.sizeMiB * MiB);
  const store = new AttachmentStore(path.join(opts.dir, 'attachments'));
  const diskBefore = await rawDiskWrite(opts.dir, totalBytes);

  (globalThis as { gc?: () => void }).gc?.();
  const baselineRssMiB = rssMiB();
  let peakRssMiB = baselineRssMiB;
  const sampler = setInterval(() => {
    peakRssMiB = Math.max(peakRssMiB, rssMiB());
  }, SAMPLE_INTERVAL_MS);

  const fullGc = { count: 0, ms: 0 };
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if ((entry as unknown as { detail?: { kind?: number } }).detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) {
        fullGc.count += 1;
        fullGc.ms += entry.duration;
      }
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });

  let blobId: string | undefined;
  try {
    const writeCpu = process.cpuUsage();
    const writeStart = process.hrtime.bigint();
    const stored = await store.write(poolSource(totalBytes));
    const writeSeconds = Number(process.hrtime.bigint() - writeStart) / 1e9;
    const writeCpuMs = cpuMs(writeCpu);
    blobId = stored.blobId;
    if (stored.size !== totalBytes) throw new Error(`wrote ${stored.size} bytes, expected ${totalBytes}`);

    const readCpu = process.cpuUsage();
    const readStart = process.hrtime.bigint();
    const sink = new HashingSink();
    await pipeline(store.read(stored.blobId, stored.fileKey), sink);
    const readSeconds = Number(process.hrtime.bigint() - readStart) / 1e9;
    const readCpuMs = cpuMs(readCpu);
    if (sink.bytes !== totalBytes || sink.digestHex() !== stored.sha256) {
      throw new Error('attachment bench: the plaintext read back differs from what was written');
    }
    peakRssMiB = Math.max(peakRssMiB, rssMiB());
    clearInterval(sampler);
    gcObserver.disconnect();

    const threadStore = new AttachmentStore(path.join(opts.dir, 'attachments'), { sealing: 'this-thread' });
    const threadStart = process.hrtime.bigint();
    const threadStored = await threadStore.write(poolSource(totalBytes));
    const threadSeconds = Number(process.hrtime.bigint() - threadStart) / 1e9;
    const threadReadStart = process.hrtime.bigint();
    const threadSink = new HashingSink();
    await pipeline(threadStore.read(threadStored.blobId, threadStored.fileKey), threadSink);
    const threadReadSeconds = Number(process.hrtime.bigint() - threadReadStart) / 1e9;
    await threadStore.remove(threadStored.blobId);
    if (threadStored.sha256 !== stored.sha256 || threadSink.digestHex() !== stored.sha256) {
      throw new Error('attachment bench: the two cipher paths saw different bytes');
    }
    const diskAfter = await rawDiskWrite(opts.dir, totalBytes);

    return {
      writeMBps: round1(totalBytes / 1e6 / writeSeconds),
      writeThisThreadMBps: round1(totalBytes / 1e6 / threadSeconds),
      readThisThreadMBps: round1(totalBytes / 1e6 / threadReadSeconds),
      readMBps: round1(totalBytes / 1e6 / readSeconds),
      peakRssMiB: round1(peakRssMiB),
      baselineRssMiB: round1(baselineRssMiB),
      diskWriteMBps: { before: round1(diskBefore), after: round1(diskAfter) },
      cpuMsPerMB: { write: round2(writeCpuMs / (totalBytes / 1e6)), read: round2(readCpuMs / (totalBytes / 1e6)) },
      fullGc: { count: fullGc.count, ms: round1(fullGc.ms) },
    };
  } finally {
    clearInterval(sampler);
    gcObserver.disconnect();
    if (blobId !== undefined) await store.remove(blobId);
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const sizeMiB = Number(process.argv[2] ?? 1024);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-bench-'));
  try {
    const result = await benchAttachments({ sizeMiB, dir });
    console.log(`attachments, ${sizeMiB} MiB:`);
    console.log(`  write  ${result.writeMBps} MB/s (hash + encrypt + fsync; cipher on the worker)`);
    console.log(`         ${result.writeThisThreadMBps} MB/s with the cipher on this thread (the fallback)`);
    console.log(`  read   ${result.readMBps} MB/s (decrypt + hash; cipher on the worker)`);
    console.log(`         ${result.readThisThreadMBps} MB/s with the cipher on this thread (the fallback)`);
    console.log(`  disk   ${result.diskWriteMBps.before} MB/s before, ${result.diskWriteMBps.after} MB/s after (raw write + fsync, same size)`);
    console.log(`  cpu    ${result.cpuMsPerMB.write} ms/MB writing, ${result.cpuMsPerMB.read} ms/MB reading (all threads)`);
    console.log(`  gc     ${result.fullGc.count} full collections, ${result.fullGc.ms} ms of pauses`);
    console.log(`  RSS    baseline ${result.baselineRssMiB} MiB, peak ${result.peakRssMiB} MiB`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
