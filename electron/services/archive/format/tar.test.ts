import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/helpers/temp';
import { TAR_BLOCK_SIZE, USTAR_MAX_SIZE, checkTarPath, readTar, tarHeader, writeTar, type TarWriteEntry } from './tar';
import { hasTool, packTar, unpackTar, type Member } from './test-helpers';

const HAS_TAR = hasTool('tar');
if (!HAS_TAR) console.warn('SKIPPED: GNU tar interop tests need `tar` on PATH (apt-get install tar)');

async function refusal(tar: Buffer, limits?: Parameters<typeof readTar>[1]): Promise<string> {
  try {
    for await (const entry of readTar([tar], limits)) for await (const _chunk of entry.body);
  } catch (error) {
    return (error as { code?: string }).code ?? `not a UserError: ${String(error)}`;
  }
  return 'accepted';
}

async function written(entries: TarWriteEntry[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of writeTar(entries)) parts.push(part);
  return Buffer.concat(parts);
}

function fixChecksum(block: Buffer): Buffer {
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'latin1');
  return block;
}

/** A single ustar header block for a plain short name, then patched by the test. */
function block(options: { name?: string; typeflag?: string; size?: number; magic?: string; linkname?: string } = {}): Buffer {
  const header = Buffer.from(tarHeader({ type: 'file', path: 'x', size: options.size ?? 0 }));
  if (options.name !== undefined) {
    header.fill(0, 0, 100);
    header.write(options.name, 0, 100, 'utf8');
  }
  if (options.typeflag !== undefined) header.write(options.typeflag, 156, 1, 'latin1');
  if (options.magic !== undefined) header.write(options.magic, 257, 8, 'latin1');
  if (options.linkname !== undefined) header.write(options.linkname, 157, 100, 'latin1');
  return fixChecksum(header);
}

function padded(data: Buffer | string): Buffer {
  const bytes = Buffer.from(data);
  return Buffer.concat([bytes, Buffer.alloc((TAR_BLOCK_SIZE - (bytes.length % TAR_BLOCK_SIZE)) % TAR_BLOCK_SIZE)]);
}

const END = Buffer.alloc(2 * TAR_BLOCK_SIZE);

function paxHeader(records: string): Buffer {
  return Buffer.concat([block({ name: 'PaxHeaders/x', typeflag: 'x', size: Buffer.byteLength(records) }), padded(records)]);
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length = String(length).length + Buffer.byteLength(body);
  return `${length}${body}`;
}

describe('tar writer', () => {
  const names = [
    'bag/short.txt',
    `bag/${'a'.repeat(90)}/${'b'.repeat(99)}`, // fits ustar prefix + name
    `bag/${'c'.repeat(200)}`, // a 200-byte component: needs pax
    'bag/증언/녹음 파일.m4a', // non-ASCII: pax
    `bag/${'d'.repeat(255)}`,
  ];

  it('writes what its own reader reads back: names of every kind, folders, contents', async () => {
    const members: Member[] = [{ type: 'directory', path: 'bag', bytes: Buffer.alloc(0) }];
    names.forEach((name, index) => members.push({ type: 'file', path: name, bytes: Buffer.alloc(index * 700, index) }));
    members.push({ type: 'directory', path: 'bag/empty folder', bytes: Buffer.alloc(0) });
    const tar = await packTar(members);
    expect(tar.length % (20 * TAR_BLOCK_SIZE)).toBe(0);
    expect(await unpackTar(tar)).toEqual(members);
  });

  it('puts sizes of 8 GiB and more in a pax header', async () => {
    const size = 9 * 1024 ** 3;
    expect(size).toBeGreaterThan(USTAR_MAX_SIZE);
    const header = tarHeader({ type: 'file', path: 'bag/big.wav', size });
    expect(header.toString('latin1')).toContain(`size=${size}\n`);
    for await (const entry of readTar([header], { maxEntryBytes: 10 * 1024 ** 3 })) {
      expect(entry).toMatchObject({ path: 'bag/big.wav', size });
      break; // the data is not there: only the header is under test
    }
    // The default per-file limit (64 GiB) lets it through; a lower one refuses it before its data.
    expect(await refusal(header, { maxEntryBytes: 8 * 1024 ** 3 })).toBe('tar-too-large');
  });

  it('leaves owner names empty and ids zero', () => {
    const header = tarHeader({ type: 'file', path: 'bag/a', size: 1 });
    expect(header.subarray(265, 329).every((byte) => byte === 0)).toBe(true);
    expect(header.toString('latin1', 108, 115)).toBe('0000000');
  });

  it('refuses a body that yields more or fewer bytes than announced', async () => {
    await expect(written([{ type: 'file', path: 'a', size: 3, body: [Buffer.from('abcd')] }])).rejects.toMatchObject({ code: 'archive-source-changed' });
    await expect(written([{ type: 'file', path: 'a', size: 5, body: [Buffer.from('abcd')] }])).rejects.toMatchObject({ code: 'archive-source-changed' });
  });

  it('refuses to write names it would refuse to read', async () => {
    for (const name of ['/etc/passwd', '../x', 'a/../../x', 'a\\b', 'a\u0000b', 'a\nb', '', 'a//b', `a/${'x'.repeat(256)}`]) {
      await expect(written([{ type: 'file', path: name, size: 0, body: [] }]), JSON.stringify(name)).rejects.toMatchObject({ code: 'tar-unsafe-path' });
    }
  });

  it.skipIf(!HAS_TAR)('writes archives GNU tar lists and unpacks byte for byte', async () => {
    const dir = tempDir();
    const members: Member[] = names.map((name, index) => ({ type: 'file', path: name, bytes: Buffer.alloc(index * 1000 + 1, 65 + index) }));
    fs.writeFileSync(path.join(dir, 'x.tar'), await packTar(members));
    const listing = execFileSync('tar', ['tf', 'x.tar'], { cwd: dir }).toString('utf8').trim().split('\n');
    expect(listing).toEqual(names);
    execFileSync('tar', ['xf', 'x.tar'], { cwd: dir });
    for (const file of members) expect(fs.readFileSync(path.join(dir, file.path)).equals(file.bytes), file.path).toBe(true);
  });
});

describe('tar reader', () => {
  it('normalises "./" prefixes and folder slashes; checkTarPath names the reasons', () => {
    expect(checkTarPath('./a/b/')).toBe('a/b');
    expect(checkTarPath('./')).toBe('');
    expect(() => checkTarPath('C:/Windows')).toThrow(/drive letter/);
    expect(() => checkTarPath('a/./b')).toThrow(/component/);
  });

  it.skipIf(!HAS_TAR)('reads what GNU tar writes in each of its formats, long and non-ASCII names included', async () => {
    const dir = tempDir();
    const files = ['bag/bagit.txt', `bag/data/${'long-'.repeat(30)}.json`, 'bag/data/증언 1.json', 'bag/data/empty'];
    for (const [index, file] of files.entries()) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), index === 3 ? '' : `content ${index}\n`.repeat(index * 100 + 1));
    }
    for (const format of ['gnu', 'pax', 'posix', 'oldgnu']) {
      const tar = execFileSync('tar', ['c', `--format=${format}`, '-f', '-', 'bag'], { cwd: dir, maxBuffer: 1 << 24 });
      const members = await unpackTar(tar);
      for (const file of files) {
        const found = members.find((candidate) => candidate.path === file);
        expect(found?.bytes.equals(fs.readFileSync(path.join(dir, file))), `${format}: ${file}`).toBe(true);
      }
    }
    // `tar -C dir .` names everything "./…"
    const dotted = await unpackTar(execFileSync('tar', ['c', '-f', '-', '.'], { cwd: path.join(dir, 'bag') }));
    expect(dotted.map((entry) => entry.path)).toContain('bagit.txt');
  });

  it.skipIf(!HAS_TAR)('refuses symbolic links, hard links, FIFOs and sparse files made by GNU tar', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'bag'));
    fs.writeFileSync(path.join(dir, 'bag', 'file'), 'x');
    const tarOf = (...args: string[]) => execFileSync('tar', ['c', '-f', '-', ...args], { cwd: dir, maxBuffer: 1 << 24 });
    fs.symlinkSync('/etc/passwd', path.join(dir, 'bag', 'link'));
    expect(await refusal(tarOf('bag/link'))).toBe('tar-unsupported-entry');
    fs.linkSync(path.join(dir, 'bag', 'file'), path.join(dir, 'bag', 'hard'));
    expect(await refusal(tarOf('bag/file', 'bag/hard'))).toBe('tar-unsupported-entry');
    fs.rmSync(path.join(dir, 'bag', 'hard'));
    execFileSync('mkfifo', [path.join(dir, 'bag', 'fifo')]);
    expect(await refusal(tarOf('bag/fifo'))).toBe('tar-unsupported-entry');
    const sparse = path.join(dir, 'bag', 'sparse');
    fs.writeFileSync(sparse, 'start');
    fs.truncateSync(sparse, 4 * 1024 * 1024);
    fs.appendFileSync(sparse, 'end');
    expect(await refusal(tarOf('--sparse', '--format=gnu', 'bag/sparse'))).toBe('tar-unsupported-entry');
    expect(await refusal(tarOf('--sparse', '--format=pax', 'bag/sparse'))).toBe('tar-unsupported-entry');
  });

  it('refuses unsafe names before reading their data', async () => {
    const names = ['/etc/passwd', '../../x', 'bag/../../x', 'bag\\..\\x', 'bag/a\u0001b', 'C:/x', 'bag//x', 'bag/./x'];
    for (const name of names) expect(await refusal(Buffer.concat([block({ name, size: 3 }), padded('abc'), END])), JSON.stringify(name)).toBe('tar-unsafe-path');
    // NUL inside a pax path: what C tools unpack would stop at the NUL.
    expect(await refusal(Buffer.concat([paxHeader(paxRecord('path', 'bag/a\u0000b')), block({ name: 'x' }), END]))).toBe('tar-unsafe-path');
    expect(await refusal(Buffer.concat([paxHeader(paxRecord('path', '../escape')), block({ name: 'harmless' }), END]))).toBe('tar-unsafe-path');
    const long = `bag/${'x/'.repeat(2100)}f`;
    expect(await refusal(Buffer.concat([paxHeader(paxRecord('path', long)), block({ name: 'x' }), END]), { maxPaxHeaderBytes: 8192 })).toBe('tar-unsafe-path');
    const notUtf8 = block({ name: 'bag/bad' });
    notUtf8[5] = 0xff;
    expect(await refusal(Buffer.concat([fixChecksum(notUtf8), END]))).toBe('tar-malformed');
  });

  it('refuses every entry type but files and folders', async () => {
    const types: Record<string, string> = { '1': 'hard link', '2': 'symlink', '3': 'char device', '4': 'block device', '6': 'FIFO', '7': 'contiguous', S: 'sparse', K: 'long link', g: 'global pax', V: 'volume', Z: 'unknown' };
    for (const [typeflag, what] of Object.entries(types)) {
      expect(await refusal(Buffer.concat([block({ name: 'bag/x', typeflag, linkname: '/etc/passwd' }), END])), what).toBe('tar-unsupported-entry');
    }
  });

  it('refuses duplicate names, also after Unicode normalisation and case folding, and a file used as a folder', async () => {
    const file = (name: string) => ({ type: 'file' as const, path: name, size: 1, body: [Buffer.from('x')] });
    const folder = (name: string) => ({ type: 'directory' as const, path: name });
    const cases: Array<[string, TarWriteEntry[]]> = [
      ['same name', [file('bag/a'), file('bag/a')]],
      ['"./" spelling', [file('bag/a'), file('./bag/a')]],
      ['case', [file('bag/Report.json'), file('bag/report.JSON')]],
      ['NFC and NFD', [file('bag/\u00e9.txt'), file('bag/e\u0301.txt')]],
      ['file then folder', [file('bag/a'), folder('bag/a')]],
      ['folder then file', [folder('bag/a'), file('bag/a')]],
      ['file used as a folder', [file('bag/a'), file('bag/a/b')]],
      ['folder implied, then a file of its name', [file('bag/a/b'), file('bag/a')]],
      ['folder twice', [folder('bag/a'), folder('bag/a')]],
    ];
    for (const [what, entries] of cases) expect(await refusal(await written(entries)), what).toBe('tar-duplicate-entry');
    expect(await refusal(await written([file('bag/a/b'), folder('bag/a'), file('bag/a/c')]))).toBe('accepted');
  });

  it('refuses a header with a wrong checksum, and headers that are not POSIX', async () => {
    const good = await written([{ type: 'file', path: 'bag/a', size: 1, body: [Buffer.from('x')] }]);
    const altered = Buffer.from(good);
    altered[10]! ^= 0x01; // inside the name
    expect(await refusal(altered)).toBe('tar-bad-checksum');
    expect(await refusal(Buffer.concat([block({ name: 'bag/a', magic: '\u0000'.repeat(8) }), END]))).toBe('tar-malformed');
    const badSize = block({ name: 'bag/a' });
    badSize.write('00000000009', 124, 11, 'latin1');
    expect(await refusal(Buffer.concat([fixChecksum(badSize), END]))).toBe('tar-malformed');
    expect(await refusal(Buffer.concat([paxHeader('13 path=abc\n'), block(), END]))).toBe('tar-malformed'); // wrong record length
    expect(await refusal(Buffer.concat([paxHeader(paxRecord('size', '12x')), block(), END]))).toBe('tar-malformed');
    expect(await refusal(Buffer.concat([paxHeader(paxRecord('path', 'a')), paxHeader(paxRecord('path', 'b')), block(), END]))).toBe('tar-malformed');
    expect(await refusal(Buffer.concat([paxHeader(paxRecord('path', 'a')), END]))).toBe('tar-malformed');
    expect(await refusal(Buffer.concat([block({ name: 'bag/dir/', typeflag: '5', size: 10 }), padded('0123456789'), END]))).toBe('tar-malformed');
  });

  it('reads GNU base-256 sizes', async () => {
    const header = block({ name: 'bag/a' });
    header.fill(0, 124, 136);
    header[124] = 0x80;
    header.writeUIntBE(3, 130, 6);
    const tar = Buffer.concat([fixChecksum(header), padded('abc'), END]);
    const members = await unpackTar(tar);
    expect(members[0]).toMatchObject({ path: 'bag/a', bytes: Buffer.from('abc') });
  });

  it('checks sizes and counts against the limits before reading the data', async () => {
    const huge = block({ name: 'bag/huge' });
    huge.fill(0, 124, 136);
    huge[124] = 0x80;
    huge.writeUIntBE(2 ** 40, 130, 6); // claims 1 TiB, followed by nothing
    expect(await refusal(Buffer.concat([fixChecksum(huge), END]), { maxEntryBytes: 2 ** 30 })).toBe('tar-too-large');
    const two = await written([
      { type: 'file', path: 'a', size: 600, body: [Buffer.alloc(600)] },
      { type: 'file', path: 'b', size: 600, body: [Buffer.alloc(600)] },
    ]);
    expect(await refusal(two, { maxEntryBytes: 599 })).toBe('tar-too-large');
    expect(await refusal(two, { maxTotalBytes: 1000 })).toBe('tar-too-large');
    expect(await refusal(two, { maxEntries: 1 })).toBe('tar-too-large');
    expect(await refusal(two, { maxEntries: 2, maxTotalBytes: 1200, maxEntryBytes: 600 })).toBe('accepted');
    expect(await refusal(Buffer.concat([paxHeader(paxRecord('comment', 'x'.repeat(70 * 1024))), block(), END]))).toBe('tar-too-large');
    const longName = Buffer.concat([block({ name: '././@LongLink', typeflag: 'L', size: 5000 }), padded('x'.repeat(5000)), block(), END]);
    expect(await refusal(longName)).toBe('tar-too-large');
  });

  it('refuses anything but zeros after the end blocks, and hidden entries after them', async () => {
    const good = await written([{ type: 'file', path: 'bag/a', size: 1, body: [Buffer.from('x')] }]);
    expect(await refusal(good)).toBe('accepted');
    expect(await refusal(Buffer.concat([good, Buffer.from('garbage')]))).toBe('tar-trailing-garbage');
    const endAt = 2 * TAR_BLOCK_SIZE; // header + data block
    const hidden = await written([{ type: 'file', path: 'bag/hidden', size: 1, body: [Buffer.from('y')] }]);
    // One zero block, then another entry: a lone zero block is not an end.
    expect(await refusal(Buffer.concat([good.subarray(0, endAt), Buffer.alloc(TAR_BLOCK_SIZE), hidden]))).toBe('tar-trailing-garbage');
    // Two zero blocks, then an entry some tools (tar -i) would still unpack.
    expect(await refusal(Buffer.concat([good.subarray(0, endAt + 2 * TAR_BLOCK_SIZE), hidden]))).toBe('tar-trailing-garbage');
    expect(await refusal(Buffer.concat([good, Buffer.alloc(2 * 1024 * 1024)]))).toBe('tar-trailing-garbage');
  });

  it('refuses a truncated archive wherever it is cut', async () => {
    const good = await written([{ type: 'file', path: 'bag/a', size: 700, body: [Buffer.alloc(700, 1)] }]);
    const cuts = { 'inside the header': 100, 'after the header': 512, 'inside the data': 800, 'inside the padding': 1300, 'before the end blocks': 1536, 'after one end block': 2048, empty: 0 };
    for (const [what, length] of Object.entries(cuts)) expect(await refusal(good.subarray(0, length)), what).toBe('tar-truncated');
  });

  it('skips what a consumer leaves unread and still reads the next entry', async () => {
    const tar = await written([
      { type: 'file', path: 'a', size: 5000, body: [Buffer.alloc(5000, 1)] },
      { type: 'file', path: 'b', size: 3, body: [Buffer.from('abc')] },
    ]);
    const seen: string[] = [];
    for await (const entry of readTar([tar.subarray(0, 1000), tar.subarray(1000, 1001), tar.subarray(1001)])) {
      if (entry.path === 'b') for await (const chunk of entry.body) seen.push(chunk.toString());
    }
    expect(seen.join('')).toBe('abc');
  });
});
