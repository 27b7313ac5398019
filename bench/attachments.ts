/**
 * Attachment throughput and memory: writes `sizeMiB` of pseudo-random plaintext through the
 * AttachmentStore (hash + encrypt + fsync), reads it back through decryption into a hashing sink,
 * and samples RSS every 50 ms. Memory must stay flat whatever the size.
 *
 * Standalone: `node --import tsx bench/attachments.ts [sizeMiB]` (default 1024) in a temp folder.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { AttachmentStore } from '../electron/services/attachments/attachment-store';

export interface AttachmentBenchResult {
  /** Plaintext megabytes (10^6 bytes) per second, including the final fsync. */
  writeMBps: number;
  /** Plaintext megabytes per second, decrypting and hashing. */
  readMBps: number;
  peakRssMiB: number;
  baselineRssMiB: number;
}

const MiB = 1024 * 1024;
const SAMPLE_INTERVAL_MS = 50;

/**
 * `totalBytes` of incompressible pseudo-random bytes, made on demand 1 MiB at a time: the AES-CTR
 * keystream over one reused 1 MiB zero buffer. Each emitted block is a fresh buffer (a buffer handed
 * to a stream must not be changed afterwards), collected once the pipeline is done with it.
 */
function pseudoRandomSource(totalBytes: number): Readable {
  const keystream = createCipheriv('aes-128-ctr', randomBytes(16), randomBytes(16));
  const zeros = Buffer.alloc(MiB);
  let remaining = totalBytes;
  return new Readable({
    highWaterMark: MiB,
    read() {
      if (remaining === 0) {
        this.push(null);
        return;
      }
      const size = Math.min(MiB, remaining);
      remaining -= size;
      this.push(keystream.update(size === MiB ? zeros : zeros.subarray(0, size)));
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

const rssMiB = () => process.memoryUsage().rss / MiB;
const round1 = (value: number) => Math.round(value * 10) / 10;

export async function benchAttachments(opts: { sizeMiB: number; dir: string }): Promise<AttachmentBenchResult> {
  const totalBytes = Math.round(opts.sizeMiB * MiB);
  const store = new AttachmentStore(path.join(opts.dir, 'attachments'));

  (globalThis as { gc?: () => void }).gc?.();
  const baselineRssMiB = rssMiB();
  let peakRssMiB = baselineRssMiB;
  const sampler = setInterval(() => {
    peakRssMiB = Math.max(peakRssMiB, rssMiB());
  }, SAMPLE_INTERVAL_MS);

  let blobId: string | undefined;
  try {
    const writeStart = process.hrtime.bigint();
    const stored = await store.write(pseudoRandomSource(totalBytes));
    const writeSeconds = Number(process.hrtime.bigint() - writeStart) / 1e9;
    blobId = stored.blobId;
    if (stored.size !== totalBytes) throw new Error(`wrote ${stored.size} bytes, expected ${totalBytes}`);

    const readStart = process.hrtime.bigint();
    const sink = new HashingSink();
    await pipeline(store.read(stored.blobId, stored.fileKey), sink);
    const readSeconds = Number(process.hrtime.bigint() - readStart) / 1e9;
    if (sink.bytes !== totalBytes || sink.digestHex() !== stored.sha256) {
      throw new Error('attachment bench: the plaintext read back differs from what was written');
    }
    peakRssMiB = Math.max(peakRssMiB, rssMiB());

    return {
      writeMBps: round1(totalBytes / 1e6 / writeSeconds),
      readMBps: round1(totalBytes / 1e6 / readSeconds),
      peakRssMiB: round1(peakRssMiB),
      baselineRssMiB: round1(baselineRssMiB),
    };
  } finally {
    clearInterval(sampler);
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
    console.log(`  write  ${result.writeMBps} MB/s (hash + encrypt + fsync)`);
    console.log(`  read   ${result.readMBps} MB/s (decrypt + hash)`);
    console.log(`  RSS    baseline ${result.baselineRssMiB} MiB, peak ${result.peakRssMiB} MiB`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
