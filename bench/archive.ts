/**
 * Sealed-archive throughput and memory: `sizeMiB` of attachments in a real vault, sealed with
 * ArchiveService.export and opened with ArchiveService.import into a second vault, beside the age
 * command line on the same bytes in the same run (`tar -c | age -r` and `age -d | tar -x`, each
 * followed by a sync of what it wrote, as export and import fsync theirs). RSS is sampled every
 * 50 ms during each phase. Figures are MB/s of attachment plaintext (10^6 bytes).
 *
 * Standalone: `node --expose-gc --import tsx bench/archive.ts [sizeMiB]` (default 1024).
 */
import { spawnSync } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Vault } from '../electron/services/vault/vault';
import { TestimonyService } from '../electron/services/testimony/testimony-service';
import { AttachmentService } from '../electron/services/attachments/attachment-service';
import { ArchiveService } from '../electron/services/archive/archive-service';

const MiB = 1024 * 1024;
const FILES = 8;
const PASSPHRASE = 'archive bench passphrase, not secret';

export interface ArchiveBenchResult {
  sizeMiB: number;
  exportMBps: number;
  importMBps: number;
  ageSealMBps: number | null;
  ageOpenMBps: number | null;
  /** Ours divided by the age command line's: above 1 is faster. */
  exportRatio: number | null;
  importRatio: number | null;
  /** CPU seconds (all threads of this process; all processes of the pipeline for age). */
  exportCpuSeconds: number;
  importCpuSeconds: number;
  ageSealCpuSeconds: number | null;
  ageOpenCpuSeconds: number | null;
  exportPeakRssMiB: number;
  importPeakRssMiB: number;
  baselineRssMiB: number;
  archiveMiB: number;
  /** 1-minute load average when the measurements began (the machine may be shared: figures are only comparable within a run). */
  loadAverage: number;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const rssMiB = () => process.memoryUsage().rss / MiB;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

/**
 * Runs `work` while sampling RSS; returns wall seconds, CPU seconds of this process (every thread:
 * on a shared machine steadier than wall time) and the peak RSS seen.
 */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; cpuSeconds: number; peakRssMiB: number }> {
  gc();
  let peak = rssMiB();
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMiB());
  }, 50);
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  try {
    const value = await work();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    peak = Math.max(peak, rssMiB());
    return { value, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMiB: round(peak, 1) };
  } finally {
    clearInterval(sampler);
  }
}

/** Incompressible bytes written straight to a file, 1 MiB at a time (AES-CTR keystream). */
function writePseudoRandomFile(file: string, bytes: number): void {
  const keystream = createCipheriv('aes-128-ctr', randomBytes(16), randomBytes(16));
  const zeros = Buffer.alloc(MiB);
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    for (let left = bytes; left > 0; left -= MiB) fs.writeSync(fd, keystream.update(left >= MiB ? zeros : zeros.subarray(0, left)));
  } finally {
    fs.closeSync(fd);
  }
}

function haveCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/** Wall seconds of a shell pipeline, and the CPU seconds of its processes (bash's `times`). */
function timedShell(script: string): { seconds: number; cpuSeconds: number } {
  const start = process.hrtime.bigint();
  const result = spawnSync('bash', ['-euo', 'pipefail', '-c', `${script}\ntimes`], { stdio: ['ignore', 'pipe', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${script}: ${result.stderr.toString().slice(0, 500)}`);
  // `times` prints the shell's user/system time, then its children's: "0m1.234s 0m0.567s".
  const children = result.stdout.toString().trim().split('\n').at(-1) ?? '';
  const cpuSeconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
  return { seconds, cpuSeconds };
}

export async function benchArchive(options: { sizeMiB: number; dir: string; log?: (line: string) => void }): Promise<ArchiveBenchResult> {
  const log = options.log ?? console.log;
  const totalBytes = Math.round(options.sizeMiB * MiB);
  const perFile = Math.ceil(totalBytes / FILES);
  const dir = options.dir;
  const plain = path.join(dir, 'plain');
  const usb = path.join(dir, 'usb');
  fs.mkdirSync(plain, { recursive: true });
  fs.mkdirSync(usb);

  // The same bytes for both: plaintext files (bench data, not testimony) attached to one testimony.
  for (let index = 0; index < FILES; index += 1) writePseudoRandomFile(path.join(plain, `audio-${index}.m4a`), Math.min(perFile, totalBytes - index * perFile));
  const { vault: sender } = await Vault.create(path.join(dir, 'sender'), { userName: 'field', roles: ['interviewer', 'reviewer', 'archivist'], passphrase: PASSPHRASE });
  const { vault: receiver } = await Vault.create(path.join(dir, 'receiver'), { userName: 'archive', roles: ['interviewer', 'reviewer', 'archivist'], passphrase: PASSPHRASE });
  try {
    const from = new ArchiveService(sender);
    const to = new ArchiveService(receiver);
    const receiverKeys = await to.keys.show();
    const senderKeys = await from.keys.show();
    await from.keys.trust({ name: 'receiver', ageRecipient: receiverKeys.ageRecipient, minisignPublicKey: receiverKeys.minisignPublicKey });
    await to.keys.trust({ name: 'sender', ageRecipient: senderKeys.ageRecipient, minisignPublicKey: senderKeys.minisignPublicKey });
    const testimonyId = new TestimonyService(sender).add({
      title: 'bench',
      narrative: 'bench narrative',
      consent: { scopes: ['internal-archive'], obtained: 'written', date: '2024-01-01' },
    });
    const attachments = new AttachmentService(sender);
    for (const name of fs.readdirSync(plain).sort()) await attachments.attachFile(testimonyId, path.join(plain, name));

    const loadAverage = round(os.loadavg()[0]!, 1);
    let ageSeal: { seconds: number; cpuSeconds: number } | null = null;
    let ageOpen: { seconds: number; cpuSeconds: number } | null = null;
    if (haveCommand('age') && haveCommand('age-keygen')) {
      const key = path.join(dir, 'age-key.txt');
      spawnSync('age-keygen', ['-o', key], { stdio: 'ignore' });
      const recipient = spawnSync('age-keygen', ['-y', key], { encoding: 'utf8' }).stdout.trim();
      const sealed = path.join(dir, 'baseline.age');
      const out = path.join(dir, 'baseline-out');
      fs.mkdirSync(out);
      gc();
      ageSeal = timedShell(`tar -cf - -C ${JSON.stringify(plain)} . | age -r ${recipient} -o ${JSON.stringify(sealed)} && sync ${JSON.stringify(sealed)}`);
      ageOpen = timedShell(`age -d -i ${JSON.stringify(key)} ${JSON.stringify(sealed)} | tar -x -C ${JSON.stringify(out)} && sync -f ${JSON.stringify(out)}`);
      fs.rmSync(sealed, { force: true });
      fs.rmSync(out, { recursive: true, force: true });
    } else {
      log('age command line not installed: no baseline (apt-get install age)');
    }
    fs.rmSync(plain, { recursive: true, force: true });

    gc();
    const baselineRssMiB = round(rssMiB(), 1);
    const exported = await measured(() => from.export({ to: 'receiver', out: usb }));
    const imported = await measured(() => to.import(exported.value.file));
    if (imported.value.testimonies[0]?.attachments !== FILES) throw new Error('archive bench: the import did not carry every attachment');

    const mbps = (seconds: number) => round(totalBytes / 1e6 / seconds, 1);
    const result: ArchiveBenchResult = {
      sizeMiB: options.sizeMiB,
      exportMBps: mbps(exported.seconds),
      importMBps: mbps(imported.seconds),
      ageSealMBps: ageSeal === null ? null : mbps(ageSeal.seconds),
      ageOpenMBps: ageOpen === null ? null : mbps(ageOpen.seconds),
      exportRatio: ageSeal === null ? null : round(ageSeal.seconds / exported.seconds),
      importRatio: ageOpen === null ? null : round(ageOpen.seconds / imported.seconds),
      exportCpuSeconds: round(exported.cpuSeconds),
      importCpuSeconds: round(imported.cpuSeconds),
      ageSealCpuSeconds: ageSeal === null ? null : round(ageSeal.cpuSeconds),
      ageOpenCpuSeconds: ageOpen === null ? null : round(ageOpen.cpuSeconds),
      exportPeakRssMiB: exported.peakRssMiB,
      importPeakRssMiB: imported.peakRssMiB,
      baselineRssMiB,
      archiveMiB: round(exported.value.fileSize / MiB, 1),
      loadAverage,
    };
    const verdict = (ratio: number | null) => (ratio === null ? 'no baseline' : ratio >= 1 ? 'target met' : `TARGET MISSED (${ratio}× the age command line)`);
    const memory = (peak: number) => (peak < 300 ? 'under 300 MB' : 'TARGET MISSED: 300 MB');
    log(`seal+export   ${result.exportMBps} MB/s (${result.exportCpuSeconds} s CPU); tar | age -r ${result.ageSealMBps ?? '–'} MB/s (${result.ageSealCpuSeconds ?? '–'} s CPU); ratio ${result.exportRatio ?? '–'}   (${verdict(result.exportRatio)})`);
    log(`verify+import ${result.importMBps} MB/s (${result.importCpuSeconds} s CPU); age -d | tar x ${result.ageOpenMBps ?? '–'} MB/s (${result.ageOpenCpuSeconds ?? '–'} s CPU); ratio ${result.importRatio ?? '–'}   (${verdict(result.importRatio)})`);
    log(`peak RSS: export ${result.exportPeakRssMiB} MiB (${memory(result.exportPeakRssMiB)}), import ${result.importPeakRssMiB} MiB (${memory(result.importPeakRssMiB)}); before ${baselineRssMiB} MiB; archive ${result.archiveMiB} MiB; load average ${loadAverage} at the start`);
    return result;
  } finally {
    sender.lock();
    receiver.lock();
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const sizeMiB = Number(process.argv[2] ?? 1024);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-bench-'));
  try {
    console.log(`sealed archives, ${sizeMiB} MiB of attachments:`);
    await benchArchive({ sizeMiB, dir });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
