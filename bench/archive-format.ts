/**
 * Sealed-archive format throughput and memory, beside the standard tools on the same data in the
 * same run:
 *
 *   seal   writeSealedArchive (hashes known, as the vault has them: one pass; and hashes unknown:
 *          two passes)                     vs  `tar c | age -r -o X && sync X`
 *   open   openSealedArchive, staging every file to disk (the same work as tar x)
 *          and verify only (stage discards)  vs  `age -d -i key X | tar x`
 *
 * and, since ours hashes every byte (the manifest needs it) and the bare command line does not,
 * beside the command line that does the same: sha256sum before tar | age, after age -d | tar x.
 *
 * plus the payload encryption of the age-encryption library itself (pure JavaScript), which is
 * why the format layer does the STREAM payload with node:crypto. Figures are MB/s of payload
 * (10^6 bytes), ratios are ours / the command line's (≥ 1 is the target), memory is the peak
 * resident set of this process during each phase (of the largest process, for the command line,
 * where /usr/bin/time exists). Target: at least as fast as age, under 300 MB.
 *
 * Standalone: `node --expose-gc --import tsx bench/archive-format.ts [sizeMiB]` (default 1024).
 */
import { spawnSync } from 'node:child_process';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { Decrypter, Encrypter } from 'age-encryption';
import {
  ageRecipientOf,
  discardPayload,
  encodeMinisignPublicKey,
  generateAgeIdentity,
  generateMinisignKeyPair,
  openSealedArchive,
  readFileChunks,
  writeSealedArchive,
  type SealedArchiveEntry,
} from '../electron/services/archive/format';
import { writeChunks } from '../electron/services/archive/format/file-io';

const MiB = 1024 * 1024;
const ARCHIVE_ID = 'bench-archive';
const MAX_FILE_MiB = 256;
const RECORDS = 200;
const SAMPLE_INTERVAL_MS = 20;
const TARGET_PEAK_MB = 300;

export interface ArchiveFormatBenchResult {
  sizeMiB: number;
  files: number;
  phases: Record<string, { seconds: number; cpuSeconds?: number; MBps: number; peakRssMiB?: number }>;
  ratios: Record<string, number>;
  targetMet: boolean;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const hasTool = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;

interface Measured {
  seconds: number;
  /** User + system CPU seconds of all threads (the machine is shared: this is steadier than wall time). */
  cpuSeconds?: number;
  peakRssMiB?: number;
}

/** Samples this process's RSS while `run` runs; returns its result, the time and CPU taken and the peak. */
async function measured<T>(run: () => Promise<T>): Promise<Measured & { result: T; peakRssMiB: number }> {
  gc();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, SAMPLE_INTERVAL_MS);
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  try {
    const result = await run();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMiB: round(peak / MiB, 1) };
  } finally {
    clearInterval(sampler);
  }
}

/** Runs a shell pipeline; with /usr/bin/time, also its CPU time and the peak RSS of its largest process. */
function shell(command: string, cwd: string): Measured {
  const timed = fs.existsSync('/usr/bin/time');
  const start = process.hrtime.bigint();
  const output = timed
    ? spawnSync('/usr/bin/time', ['-f', 'maxrss=%M cpu=%U+%S', 'sh', '-c', command], { cwd, encoding: 'utf8' })
    : spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (output.status !== 0) throw new Error(`${command} failed: ${output.stderr}`);
  const match = /maxrss=(\d+) cpu=([\d.]+)\+([\d.]+)/.exec(output.stderr ?? '');
  return { seconds, ...(match ? { peakRssMiB: round(Number(match[1]) / 1024, 1), cpuSeconds: Number(match[2]) + Number(match[3]) } : {}) };
}

/** Incompressible bytes (AES-CTR keystream) written to `file`; returns its SHA-256. */
async function writePseudoRandomFile(file: string, bytes: number): Promise<string> {
  const keystream = createCipheriv('aes-128-ctr', randomBytes(16), randomBytes(16));
  const zeros = Buffer.alloc(MiB);
  const hash = createHash('sha256');
  let remaining = bytes;
  const source = new Readable({
    read() {
      if (remaining === 0) return void this.push(null);
      const size = Math.min(MiB, remaining);
      remaining -= size;
      const block = keystream.update(zeros.subarray(0, size));
      hash.update(block);
      this.push(block);
    },
  });
  await pipeline(source, fs.createWriteStream(file));
  return hash.digest('hex');
}

interface PayloadFile {
  path: string;
  file: string;
  size: number;
  sha256: string;
}

async function makePayload(root: string, totalBytes: number): Promise<PayloadFile[]> {
  const files: PayloadFile[] = [];
  const data = path.join(root, ARCHIVE_ID, 'data');
  fs.mkdirSync(path.join(data, 'attachments'), { recursive: true });
  fs.mkdirSync(path.join(data, 'testimonies'), { recursive: true });
  for (let index = 0; index < RECORDS; index++) {
    const relative = `testimonies/t-${String(index).padStart(4, '0')}.json`;
    const bytes = Buffer.from(JSON.stringify({ schemaVersion: 1, title: `testimony ${index}`, narrative: '증언 '.repeat(200 + index) }));
    fs.writeFileSync(path.join(data, relative), bytes);
    files.push({ path: relative, file: path.join(data, relative), size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  let remaining = totalBytes;
  for (let index = 0; remaining > 0; index++) {
    const size = Math.min(remaining, MAX_FILE_MiB * MiB);
    remaining -= size;
    const relative = `attachments/recording-${index}.bin`;
    const file = path.join(data, relative);
    files.push({ path: relative, file, size, sha256: await writePseudoRandomFile(file, size) });
  }
  return files;
}

function entries(files: PayloadFile[], knownHash: boolean): SealedArchiveEntry[] {
  return files.map((file) => ({
    path: file.path,
    size: file.size,
    ...(knownHash ? { sha256: file.sha256 } : {}),
    open: () => readFileChunks(file.file),
  }));
}

/** The age-encryption library's own payload encryption, on `bytes` of data, both ways. */
async function libraryPayload(dir: string, bytes: number, recipient: string, identity: string): Promise<{ encryptSeconds: number; decryptSeconds: number }> {
  const file = path.join(dir, 'library.age');
  const keystream = createCipheriv('aes-128-ctr', randomBytes(16), randomBytes(16));
  const zeros = Buffer.alloc(MiB);
  let remaining = bytes;
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (remaining === 0) return controller.close();
      const size = Math.min(MiB, remaining);
      remaining -= size;
      controller.enqueue(keystream.update(zeros.subarray(0, size)));
    },
  });
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  let start = process.hrtime.bigint();
  await pipeline(Readable.fromWeb((await encrypter.encrypt(source)) as never), fs.createWriteStream(file));
  const encryptSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const decrypter = new Decrypter();
  decrypter.addIdentity(identity);
  start = process.hrtime.bigint();
  const plaintext = await decrypter.decrypt(Readable.toWeb(fs.createReadStream(file, { highWaterMark: MiB })) as ReadableStream<Uint8Array>);
  let count = 0;
  await pipeline(
    Readable.fromWeb(plaintext as never),
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        count += chunk.length;
        callback();
      },
    }),
  );
  const decryptSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (count !== bytes) throw new Error('age-encryption round trip lost bytes');
  fs.rmSync(file);
  return { encryptSeconds, decryptSeconds };
}

export async function benchArchiveFormat(options: { sizeMiB: number; dir: string }): Promise<ArchiveFormatBenchResult> {
  const dir = options.dir;
  fs.mkdirSync(dir, { recursive: true });
  const totalBytes = Math.round(options.sizeMiB * MiB);
  const source = path.join(dir, 'source');
  const files = await makePayload(source, totalBytes);
  const payloadBytes = files.reduce((sum, file) => sum + file.size, 0);
  const MB = payloadBytes / 1e6;
  console.log(`payload: ${files.length} files, ${round(payloadBytes / MiB, 1)} MiB (${RECORDS} JSON records, the rest in attachments of up to ${MAX_FILE_MiB} MiB)`);

  const identity = await generateAgeIdentity();
  const recipient = await ageRecipientOf(identity);
  fs.writeFileSync(path.join(dir, 'key.txt'), `${identity}\n`, { mode: 0o600 });
  const signer = generateMinisignKeyPair();
  const trusted = [{ minisignPublicKey: encodeMinisignPublicKey(signer) }];
  const phases: ArchiveFormatBenchResult['phases'] = {};
  const record = (name: string, figures: Measured) => {
    const { seconds, cpuSeconds, peakRssMiB } = figures;
    phases[name] = {
      seconds: round(seconds, 2),
      MBps: round(MB / seconds, 1),
      ...(cpuSeconds !== undefined ? { cpuSeconds: round(cpuSeconds, 2) } : {}),
      ...(peakRssMiB !== undefined ? { peakRssMiB } : {}),
    };
    console.log(
      `  ${name.padEnd(44)} ${seconds.toFixed(2).padStart(7)} s  ${(MB / seconds).toFixed(1).padStart(7)} MB/s` +
        `${cpuSeconds !== undefined ? `  CPU ${cpuSeconds.toFixed(2)} s` : ''}${peakRssMiB !== undefined ? `  peak RSS ${peakRssMiB} MiB` : ''}`,
    );
  };
  const sealOptions = (out: string, knownHash: boolean) => ({
    dir: out,
    archiveId: ARCHIVE_ID,
    recipients: [recipient],
    signer,
    bagInfo: { kind: 'full' as const, sender: 'bench sender', recipients: ['bench recipient'], created: new Date().toISOString().replace(/\.\d+Z$/, 'Z') },
    entries: entries(files, knownHash),
  });

  const sealedDir = path.join(dir, 'sealed');
  fs.mkdirSync(sealedDir);
  const oursKnown = await measured(() => writeSealedArchive(sealOptions(sealedDir, true)));
  record('seal, ours (hashes known: one pass, fsync)', oursKnown);
  const twoPassDir = path.join(dir, 'sealed-two-pass');
  fs.mkdirSync(twoPassDir);
  const oursTwoPass = await measured(() => writeSealedArchive(sealOptions(twoPassDir, false)));
  record('seal, ours (hashes computed: two passes)', oursTwoPass);
  fs.rmSync(twoPassDir, { recursive: true, force: true });
  const hasCli = hasTool('age') && hasTool('tar');
  let cliSeal: Measured | undefined;
  let cliSealHashing: Measured | undefined;
  if (hasCli) {
    cliSeal = shell(`tar c -C source ${ARCHIVE_ID} | age -r ${recipient} -o cli.age && sync cli.age`, dir);
    record('seal, tar c | age -r (and sync)', cliSeal);
    // The same work as ours with the command line: every byte hashed for the manifest first.
    cliSealHashing = shell(`(cd source/${ARCHIVE_ID} && find data -type f -exec sha256sum {} + > /dev/null) && tar c -C source ${ARCHIVE_ID} | age -r ${recipient} -o cli.age && sync cli.age`, dir);
    record('seal, sha256sum, then tar c | age -r (and sync)', cliSealHashing);
  }

  const stagedDir = path.join(dir, 'staged');
  const oursOpen = await measured(() =>
    openSealedArchive(oursKnown.result.file, {
      identities: [identity],
      trustedSigners: trusted,
      stage: async (file, _size, body) => {
        const target = path.join(stagedDir, file);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        // Plain files, as tar x writes them (synthetic bytes, not testimony), in 1 MiB writes.
        const handle = await fs.promises.open(target, 'w');
        try {
          await writeChunks(handle, body);
        } finally {
          await handle.close();
        }
      },
    }),
  );
  record('open, ours (decrypt, verify, stage to disk)', oursOpen);
  fs.rmSync(stagedDir, { recursive: true, force: true });
  const oursVerify = await measured(() => openSealedArchive(oursKnown.result.file, { identities: [identity], trustedSigners: trusted, stage: discardPayload }));
  record('verify, ours (decrypt, verify, discard)', oursVerify);
  let cliOpen: Measured | undefined;
  let cliOpenHashing: Measured | undefined;
  if (hasCli) {
    fs.mkdirSync(path.join(dir, 'cli-out'));
    cliOpen = shell('age -d -i key.txt cli.age | tar x -C cli-out', dir);
    record('open, age -d | tar x', cliOpen);
    fs.rmSync(path.join(dir, 'cli-out'), { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'cli-out'));
    cliOpenHashing = shell(`age -d -i key.txt cli.age | tar x -C cli-out && (cd cli-out/${ARCHIVE_ID} && find data -type f -exec sha256sum {} + > /dev/null)`, dir);
    record('open, age -d | tar x, then sha256sum', cliOpenHashing);
    fs.rmSync(path.join(dir, 'cli-out'), { recursive: true, force: true });
    fs.rmSync(path.join(dir, 'cli.age'), { force: true });
  }
  fs.rmSync(sealedDir, { recursive: true, force: true });

  const library = await measured(() => libraryPayload(dir, totalBytes, recipient, identity));
  const libraryMB = totalBytes / 1e6;
  console.log(
    `  age-encryption's own payload (pure JS), ${options.sizeMiB} MiB: encrypt ${(libraryMB / library.result.encryptSeconds).toFixed(1)} MB/s, ` +
      `decrypt ${(libraryMB / library.result.decryptSeconds).toFixed(1)} MB/s (the reason the payload is done with node:crypto)`,
  );
  phases['age-encryption payload encrypt'] = { seconds: round(library.result.encryptSeconds), MBps: round(libraryMB / library.result.encryptSeconds, 1) };
  phases['age-encryption payload decrypt'] = { seconds: round(library.result.decryptSeconds), MBps: round(libraryMB / library.result.decryptSeconds, 1) };

  const ratios: Record<string, number> = {};
  if (cliSeal && cliOpen) {
    ratios.sealOnePass = round(cliSeal.seconds / oursKnown.seconds);
    ratios.sealTwoPasses = round(cliSeal.seconds / oursTwoPass.seconds);
    ratios.openToDisk = round(cliOpen.seconds / oursOpen.seconds);
    ratios.verifyOnly = round(cliOpen.seconds / oursVerify.seconds);
    ratios.sealVsHashingCli = round(cliSealHashing!.seconds / oursKnown.seconds);
    ratios.openVsHashingCli = round(cliOpenHashing!.seconds / oursOpen.seconds);
    console.log(
      `  ratios (ours / command line, ≥ 1 is at least as fast): seal ${ratios.sealOnePass}× (two passes ${ratios.sealTwoPasses}×), ` +
        `open ${ratios.openToDisk}× (verify only ${ratios.verifyOnly}×); against the command line that also hashes every byte: ` +
        `seal ${ratios.sealVsHashingCli}×, open ${ratios.openVsHashingCli}×`,
    );
    if (cliSeal.cpuSeconds !== undefined && cliOpen.cpuSeconds !== undefined) {
      ratios.sealCpu = round(cliSeal.cpuSeconds / oursKnown.cpuSeconds!);
      ratios.openCpu = round(cliOpen.cpuSeconds / oursOpen.cpuSeconds!);
      console.log(`  CPU-time ratios (command line / ours; ours also hashes every byte): seal ${ratios.sealCpu}×, open ${ratios.openCpu}×`);
    }
  } else {
    console.log('  (age or tar missing: no command-line comparison)');
  }
  const peak = Math.max(oursKnown.peakRssMiB, oursTwoPass.peakRssMiB, oursOpen.peakRssMiB, oursVerify.peakRssMiB);
  const peakMB = (peak * MiB) / 1e6;
  const fastEnough = ratios.sealOnePass !== undefined && ratios.sealOnePass >= 1 && ratios.openToDisk! >= 1;
  const targetMet = fastEnough && peakMB < TARGET_PEAK_MB;
  console.log(
    `  peak RSS of the format pipelines: ${peak} MiB (${peakMB.toFixed(0)} MB; target < ${TARGET_PEAK_MB} MB); ` +
      `target (≥ 1× age, < ${TARGET_PEAK_MB} MB): ${targetMet ? 'met' : 'MISSED'}`,
  );
  fs.rmSync(source, { recursive: true, force: true });
  return { sizeMiB: options.sizeMiB, files: files.length, phases, ratios, targetMet };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const sizeMiB = Number(process.argv[2] ?? 1024);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-bench-'));
  try {
    console.log(`archive format, ${sizeMiB} MiB:`);
    const result = await benchArchiveFormat({ sizeMiB, dir });
    console.log(`BENCH_JSON ${JSON.stringify({ archiveFormat: result })}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
