import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/helpers/temp';
import {
  BAGIT_TXT,
  bagInfoValue,
  decodeManifestPath,
  encodeManifestPath,
  formatBagInfo,
  formatManifest,
  formatPayloadOxum,
  parseBagInfo,
  parseBagitTxt,
  parseManifest,
  parsePayloadOxum,
  sha256Hex,
} from './bagit';
import { codeOf, hasTool } from './test-helpers';

const HAS_SHA256SUM = hasTool('sha256sum');
if (!HAS_SHA256SUM) console.warn('SKIPPED: the sha256sum interop test needs `sha256sum` on PATH (coreutils)');

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('BagIt 1.0', () => {
  it('writes and checks bagit.txt, refusing other versions and encodings', () => {
    expect(parseBagitTxt(bytes(BAGIT_TXT))).toEqual({ version: '1.0', encoding: 'UTF-8' });
    expect(parseBagitTxt(bytes('BagIt-Version: 1.0\r\nTag-File-Character-Encoding: UTF-8\r\n')).version).toBe('1.0');
    expect(codeOf(() => parseBagitTxt(bytes('BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n')))).toBe('bag-unsupported-version');
    expect(codeOf(() => parseBagitTxt(bytes('BagIt-Version: 1.0\nTag-File-Character-Encoding: ISO-8859-1\n')))).toBe('bag-unsupported-version');
    expect(codeOf(() => parseBagitTxt(bytes('BagIt-Version: 1.0\n')))).toBe('bag-malformed');
    expect(codeOf(() => parseBagitTxt(bytes(`${BAGIT_TXT}Extra: 1\n`)))).toBe('bag-malformed');
    expect(codeOf(() => parseBagitTxt(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes(BAGIT_TXT)])))).toBe('bag-malformed');
  });

  it('writes and reads bag-info.txt, with folded lines and repeated labels', () => {
    const fields: Array<[string, string]> = [
      ['Bagging-Date', '2024-05-01'],
      ['Payload-Oxum', '12.2'],
      ['TW-Recipients', 'A B C,D E F'],
      ['Source-Organization', '북한인권'],
    ];
    expect(parseBagInfo(bytes(formatBagInfo(fields)))).toEqual(fields);
    const folded = parseBagInfo(bytes('Contact-Name: Kim\nExternal-Description: a long\n  description\n\tover lines\nContact-Name: Lee\n'));
    expect(folded).toEqual([
      ['Contact-Name', 'Kim'],
      ['External-Description', 'a long description over lines'],
      ['Contact-Name', 'Lee'],
    ]);
    expect(codeOf(() => bagInfoValue(folded, 'Contact-Name'))).toBe('bag-malformed');
    expect(bagInfoValue(folded, 'external-description')).toBe('a long description over lines');
    expect(codeOf(() => parseBagInfo(bytes('no colon here\n')))).toBe('bag-malformed');
    expect(codeOf(() => parseBagInfo(bytes('  starts folded\n')))).toBe('bag-malformed');
    expect(codeOf(() => parseBagInfo(Buffer.from([0x41, 0x3a, 0x20, 0xc3, 0x28, 0x0a])))).toBe('bag-malformed');
    expect(() => formatBagInfo([['Label', 'two\nlines']])).toThrow(TypeError);
  });

  it('reads Payload-Oxum as octets and file count', () => {
    expect(parsePayloadOxum(formatPayloadOxum({ bytes: 1073741824, count: 3 }))).toEqual({ bytes: 1073741824, count: 3 });
    for (const bad of ['12', '12.', '.3', '1.2.3', '-1.2', '1e3.2', ' 1.2']) expect(codeOf(() => parsePayloadOxum(bad)), bad).toBe('bag-malformed');
  });

  it('percent-encodes CR, LF and % in manifest paths, as RFC 8493 says', () => {
    expect(encodeManifestPath('data/a%b\nc\rd')).toBe('data/a%25b%0Ac%0Dd');
    expect(decodeManifestPath('data/a%25b%0ac%0Dd%41')).toBe('data/a%b\nc\rd%41');
    const manifest = formatManifest([{ path: 'data/100% true\r\n.txt', sha256: sha256Hex('x') }]);
    expect(manifest).toBe(`${sha256Hex('x')}  data/100%25 true%0D%0A.txt\n`);
    expect([...parseManifest(bytes(manifest), 'manifest-sha256.txt').keys()]).toEqual(['data/100% true\r\n.txt']);
  });

  it('parses manifests strictly: one entry per path, SHA-256 only, plain relative paths', () => {
    const hash = sha256Hex('x');
    const parsed = parseManifest(bytes(`${hash.toUpperCase()}  data/a b.txt\n${hash}\tdata/c\n`), 'manifest-sha256.txt');
    expect([...parsed]).toEqual([
      ['data/a b.txt', hash],
      ['data/c', hash],
    ]);
    const cases: Record<string, string> = {
      'listed twice': `${hash}  data/a\n${hash}  data/a\n`,
      'short hash': `${hash.slice(2)}  data/a\n`,
      'no path': `${hash}\n`,
      'absolute path': `${hash}  /etc/passwd\n`,
      'climbing path': `${hash}  data/../../x\n`,
      'backslash path': `${hash}  data\\x\n`,
      'sha256sum escaped line': `\\${hash}  data/a\\nb\n`,
    };
    for (const [what, text] of Object.entries(cases)) expect(codeOf(() => parseManifest(bytes(text), 'manifest-sha256.txt')), what).toBe('bag-malformed');
  });

  it.skipIf(!HAS_SHA256SUM)('writes manifests that sha256sum -c accepts, and reads what sha256sum writes', () => {
    const dir = tempDir();
    const files = ['data/testimonies/a.json', 'data/attachments/interview 1.m4a', 'data/증언.json'];
    for (const [index, file] of files.entries()) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), `content ${index}`);
    }
    const manifest = formatManifest(files.map((file) => ({ path: file, sha256: sha256Hex(fs.readFileSync(path.join(dir, file))) })));
    fs.writeFileSync(path.join(dir, 'manifest-sha256.txt'), manifest);
    expect(execFileSync('sha256sum', ['-c', '--strict', 'manifest-sha256.txt'], { cwd: dir }).toString()).toContain('data/증언.json: OK');
    fs.appendFileSync(path.join(dir, files[0]!), 'altered');
    expect(() => execFileSync('sha256sum', ['-c', '--quiet', 'manifest-sha256.txt'], { cwd: dir, stdio: 'pipe' })).toThrow();
    const theirs = execFileSync('sha256sum', files, { cwd: dir });
    expect([...parseManifest(theirs, 'manifest-sha256.txt').keys()]).toEqual(files);
  });
});
