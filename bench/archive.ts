/**
 * Sealed-archive throughput and memory: `sizeMiB` of attachments in a real vault, sealed with
 * ArchiveService.export and opened with ArchiveService.import into a fresh vault, beside the age
 * command line on the same bytes in the same run (`tar -c | age -r` and `age -d | tar -x`, each
 * followed by a sync of what it wrote, as export and import fsync theirs). RSS is sampled every
 * 50 ms during each phase. Figures are MB/s of attachment plaintext (10^6 bytes).
 *
 * The age command line's own figure varies by a factor of two from one run to the next (page
 * cache, write-back, other work on a shared machine), so the two are measured in rounds that
 * interleave (ours first in every other round), each phase after a sync and a pause, and the
 * medians and ranges are printed. TW_BENCH_ARCHIVE_ROUNDS sets the rounds (default 3).
 *
 * Standalone: `node --expose-gc --import tsx bench/archive.ts [sizeMiB]` (default 1024).
 */
import { spawnSync } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { Vault } from '../electron/services/vault/vault';
import { TestimonyService } from '../electron/services/testimony/testimony-service';
import { AttachmentService } from '../electron/services/attachments/attachment-service';
import { ArchiveService } from '../electron/services/archive/archive-service';

const MiB = 1024 * 1024;
const FILES = 8;
const PASSPHRASE = 'archive bench passphrase, not secret';
const ROUNDS = Math.max(1, Number(process.env.TW_BENCH_ARCHIVE_ROUNDS ?? 3) || 3);

/** The figures of each phase: one round's, or (ArchiveBenchResult) the medians over the rounds. */
interface ArchiveBenchFigures {
  exportMBps: number;
  importMBps: number;
  ageSealMBps: number | null;
  ageOpenMBps: number | null;
  /** CPU seconds (all threads of this process; all processes of the pipeline for age). */
  exportCpuSeconds: number;
  importCpuSeconds: number;
  ageSealCpuSeconds: number | null;
  ageOpenCpuSeconds: number | null;
  /** Over the rounds: the highest of any. */
  exportPeakRssMiB: number;
  importPeakRssMiB: number;
  /** 1-minute load average when the round (or the measurements) began: figures are only comparable within a run. */
  loadAverage: number;
}

/** One round: each of the four phases once. */
export type ArchiveBenchRound = ArchiveBenchFigures;

/** Medians over the rounds (peak RSS: the highest), with every round kept. */
export interface ArchiveBenchResult extends ArchiveBenchFigures {
  sizeMiB: number;
  /** Ours divided by the age command line's, per round, then the median: above 1 is faster. */
  exportRatio: number | null;
  importRatio: number | null;
  baselineRssMiB: number;
  archiveMiB: number;
  rounds: ArchiveBenchRound[];
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** CPU seconds so far of each thread of this process, by thread id (Linux /proc; empty elsewhere). */
function threadCpuSeconds(): Map<number, number> {
  const seconds = new Map<number, number>();
  let tasks: string[];
  try {
    tasks = fs.readdirSync('/proc/self/task');
  } catch {
    return seconds;
  }
  for (const task of tasks) {
    try {
      // Fields after the ")" that ends the name: state is field 3, utime 14, stime 15 (clock ticks, 100 a second).
      const stat = fs.readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seconds.set(Number(task), (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // The thread ended meanwhile.
    }
  }
  return seconds;
}

/** "main 3.1 + 2.4 + 2.2 + 0.3 other": the CPU seconds of each thread between two readings, main first, then the busiest. */
function threadCpuLine(before: Map<number, number>, after: Map<number, number>): string {
  if (after.size === 0) return '';
  const used = [...after].map(([task, seconds]) => ({ task, seconds: seconds - (before.get(task) ?? 0) }));
  const main = used.find((entry) => entry.task === process.pid)?.seconds ?? 0;
  const others = used.filter((entry) => entry.task !== process.pid).map((entry) => entry.seconds).sort((a, b) => b - a);
  const rest = others.slice(2).reduce((sum, value) => sum + value, 0);
  return `main ${round(main, 1)} + ${others.slice(0, 2).map((value) => round(value, 1)).join(' + ')} + ${round(rest, 1)} other`;
}
const rssMiB = () => process.memoryUsage().rss / MiB;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

/**
 * Runs `work` while sampling RSS; returns wall seconds, CPU seconds of this process (every thread:
 * on a shared machine steadier than wall time) and the peak RSS seen.
 */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; cpuSeconds: number; peakRssMiB: number; threads: string }> {
  gc();
  let peak = rssMiB();
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMiB());
  }, 50);
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const threadsStart = threadCpuSeconds();
  try {
    const value = await work();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    const threads = threadCpuLine(threadsStart, threadCpuSeconds());
    peak = Math.max(peak, rssMiB());
    return { value, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMiB: round(peak, 1), threads };
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

/** Writes back what is dirty and lets the disk settle, so that a phase does not pay for the one before. */
async function settle(): Promise<void> {
  spawnSync('sync');
  await sleep(1000);
  gc();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** "median (min–max)" of a figure over the rounds. */
function spread(values: Array<number | null>, unit = ''): string {
  const present = values.filter((value): value is number => value !== null);
  if (present.length === 0) return '–';
  const low = Math.min(...present);
  const high = Math.max(...present);
  return present.length === 1 ? `${round(present[0]!)}${unit}` : `${round(median(present))}${unit} (${round(low)}–${round(high)})`;
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
  const mbps = (seconds: number) => round(totalBytes / 1e6 / seconds, 1);

  // The same bytes for both: plaintext files (bench data, not testimony) attached to one testimony.
  for (let index = 0; index < FILES; index += 1) writePseudoRandomFile(path.join(plain, `audio-${index}.m4a`), Math.min(perFile, totalBytes - index * perFile));
  const { vault: sender } = await Vault.create(path.join(dir, 'sender'), { userName: 'field', roles: ['interviewer', 'reviewer', 'archivist'], passphrase: PASSPHRASE });
  try {
    const from = new ArchiveService(sender);
    const senderKeys = await from.keys.show();
    const testimonyId = new TestimonyService(sender).add({
      title: 'bench',
      narrative: 'bench narrative',
      consent: { scopes: ['internal-archive'], obtained: 'written', date: '2024-01-01' },
    });
    const attachments = new AttachmentService(sender);
    for (const name of fs.readdirSync(plain).sort()) await attachments.attachFile(testimonyId, path.join(plain, name));

    const ageInstalled = haveCommand('age') && haveCommand('age-keygen');
    if (!ageInstalled) log('age command line not installed: no baseline (apt-get install age)');
    const key = path.join(dir, 'age-key.txt');
    let recipient = '';
    if (ageInstalled) {
      spawnSync('age-keygen', ['-o', key], { stdio: 'ignore' });
      recipient = spawnSync('age-keygen', ['-y', key], { encoding: 'utf8' }).stdout.trim();
    }
    const runAge = async (): Promise<{ seal: { seconds: number; cpuSeconds: number }; open: { seconds: number; cpuSeconds: number } } | null> => {
      if (!ageInstalled) return null;
      const sealed = path.join(dir, 'baseline.age');
      const out = path.join(dir, 'baseline-out');
      fs.mkdirSync(out);
      try {
        await settle();
        const seal = timedShell(`tar -cf - -C ${JSON.stringify(plain)} . | age -r ${recipient} -o ${JSON.stringify(sealed)} && sync ${JSON.stringify(sealed)}`);
        await settle();
        const open = timedShell(`age -d -i ${JSON.stringify(key)} ${JSON.stringify(sealed)} | tar -x -C ${JSON.stringify(out)} && sync -f ${JSON.stringify(out)}`);
        return { seal, open };
      } finally {
        fs.rmSync(sealed, { force: true });
        fs.rmSync(out, { recursive: true, force: true });
      }
    };

    const loadAverage = round(os.loadavg()[0]!, 1);
    gc();
    const baselineRssMiB = round(rssMiB(), 1);
    let archiveMiB = 0;
    const rounds: ArchiveBenchRound[] = [];
    for (let index = 0; index < ROUNDS; index += 1) {
      const roundLoad = round(os.loadavg()[0]!, 1);
      // A vault that has none of it yet, so that every round stages and commits everything.
      const { vault: receiver } = await Vault.create(path.join(dir, `receiver-${index}`), { userName: 'archive', roles: ['interviewer', 'reviewer', 'archivist'], passphrase: PASSPHRASE });
      try {
        const to = new ArchiveService(receiver);
        const receiverKeys = await to.keys.show();
        await from.keys.trust({ name: `receiver-${index}`, ageRecipient: receiverKeys.ageRecipient, minisignPublicKey: receiverKeys.minisignPublicKey });
        await to.keys.trust({ name: 'sender', ageRecipient: senderKeys.ageRecipient, minisignPublicKey: senderKeys.minisignPublicKey });
        const ours = async () => {
          await settle();
          const exported = await measured(() => from.export({ to: `receiver-${index}`, out: usb }));
          await settle();
          const imported = await measured(() => to.import(exported.value.file));
          if (imported.value.testimonies[0]?.attachments !== FILES) throw new Error('archive bench: the import did not carry every attachment');
          archiveMiB = round(exported.value.fileSize / MiB, 1);
          fs.rmSync(exported.value.file, { force: true });
          return { exported, imported };
        };
        // Ours first in every other round: neither side always finds the page cache and the disk as the other left them.
        let age: Awaited<ReturnType<typeof runAge>>;
        let our: Awaited<ReturnType<typeof ours>>;
        if (index % 2 === 0) {
          our = await ours();
          age = await runAge();
        } else {
          age = await runAge();
          our = await ours();
        }
        const result: ArchiveBenchRound = {
          exportMBps: mbps(our.exported.seconds),
          importMBps: mbps(our.imported.seconds),
          ageSealMBps: age === null ? null : mbps(age.seal.seconds),
          ageOpenMBps: age === null ? null : mbps(age.open.seconds),
          exportCpuSeconds: round(our.exported.cpuSeconds),
          importCpuSeconds: round(our.imported.cpuSeconds),
          ageSealCpuSeconds: age === null ? null : round(age.seal.cpuSeconds),
          ageOpenCpuSeconds: age === null ? null : round(age.open.cpuSeconds),
          exportPeakRssMiB: our.exported.peakRssMiB,
          importPeakRssMiB: our.imported.peakRssMiB,
          loadAverage: roundLoad,
        };
        rounds.push(result);
        log(
          `round ${index + 1}/${ROUNDS} (load ${roundLoad}): export ${result.exportMBps} MB/s, age -r ${result.ageSealMBps ?? '–'}; import ${result.importMBps} MB/s, age -d ${result.ageOpenMBps ?? '–'}; peak RSS ${result.exportPeakRssMiB} / ${result.importPeakRssMiB} MiB`,
        );
        log(
          `  CPU s: export ${result.exportCpuSeconds} (${our.exported.threads}), age -r ${result.ageSealCpuSeconds ?? '–'}; import ${result.importCpuSeconds} (${our.imported.threads}), age -d ${result.ageOpenCpuSeconds ?? '–'}`,
        );
      } finally {
        receiver.lock();
        fs.rmSync(path.join(dir, `receiver-${index}`), { recursive: true, force: true });
      }
    }
    fs.rmSync(plain, { recursive: true, force: true });

    const of = <K extends keyof ArchiveBenchRound>(name: K) => rounds.map((entry) => entry[name] as number | null);
    const medianOf = (values: Array<number | null>, digits = 2): number | null => {
      const present = values.filter((value): value is number => value !== null);
      return present.length === 0 ? null : round(median(present), digits);
    };
    const exportRatios = rounds.map((entry) => (entry.ageSealMBps === null ? null : entry.exportMBps / entry.ageSealMBps));
    const importRatios = rounds.map((entry) => (entry.ageOpenMBps === null ? null : entry.importMBps / entry.ageOpenMBps));
    const result: ArchiveBenchResult = {
      sizeMiB: options.sizeMiB,
      exportMBps: medianOf(of('exportMBps'), 1)!,
      importMBps: medianOf(of('importMBps'), 1)!,
      ageSealMBps: medianOf(of('ageSealMBps'), 1),
      ageOpenMBps: medianOf(of('ageOpenMBps'), 1),
      exportRatio: medianOf(exportRatios),
      importRatio: medianOf(importRatios),
      exportCpuSeconds: medianOf(of('exportCpuSeconds'))!,
      importCpuSeconds: medianOf(of('importCpuSeconds'))!,
      ageSealCpuSeconds: medianOf(of('ageSealCpuSeconds')),
      ageOpenCpuSeconds: medianOf(of('ageOpenCpuSeconds')),
      exportPeakRssMiB: Math.max(...rounds.map((entry) => entry.exportPeakRssMiB)),
      importPeakRssMiB: Math.max(...rounds.map((entry) => entry.importPeakRssMiB)),
      baselineRssMiB,
      archiveMiB,
      loadAverage,
      rounds,
    };
    const verdict = (ratio: number | null) => (ratio === null ? 'no baseline' : ratio >= 1 ? 'target met' : `TARGET MISSED (${ratio}× the age command line)`);
    const memory = (peak: number) => (peak < 300 ? 'under 300 MB' : 'TARGET MISSED: 300 MB');
    log(`medians (min–max) of ${ROUNDS} interleaved rounds:`);
    log(
      `seal+export   ${spread(of('exportMBps'), ' MB/s')}, ${spread(of('exportCpuSeconds'), ' s CPU')}; tar | age -r ${spread(of('ageSealMBps'), ' MB/s')}, ${spread(of('ageSealCpuSeconds'), ' s CPU')}; ratio ${spread(exportRatios)}   (${verdict(result.exportRatio)})`,
    );
    log(
      `verify+import ${spread(of('importMBps'), ' MB/s')}, ${spread(of('importCpuSeconds'), ' s CPU')}; age -d | tar x ${spread(of('ageOpenMBps'), ' MB/s')}, ${spread(of('ageOpenCpuSeconds'), ' s CPU')}; ratio ${spread(importRatios)}   (${verdict(result.importRatio)})`,
    );
    log(
      `peak RSS: export ${spread(of('exportPeakRssMiB'), ' MiB')} (${memory(result.exportPeakRssMiB)}), import ${spread(of('importPeakRssMiB'), ' MiB')} (${memory(result.importPeakRssMiB)}); before ${baselineRssMiB} MiB; archive ${archiveMiB} MiB; load average ${loadAverage} at the start, ${spread(of('loadAverage'))} per round`,
    );
    return result;
  } finally {
    sender.lock();
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
