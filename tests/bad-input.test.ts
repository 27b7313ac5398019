import path from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import { Vault } from '../electron/services/vault/vault';
import { TestimonyService } from '../electron/services/testimony/testimony-service';
import { LIMITS } from '@shared/testimony/schema';

const PASS = 'bad input passphrase';
let root: string;
let vault: Vault;
let service: TestimonyService;
let existingId: string;

function snapshot() {
  const count = (sql: string) => (vault.db.prepare(sql).get() as { n: number }).n;
  return {
    testimonies: count('SELECT count(*) AS n FROM testimonies'),
    versions: count('SELECT count(*) AS n FROM testimony_versions'),
    index: count('SELECT count(*) AS n FROM testimony_fts'),
    facets: count('SELECT count(*) AS n FROM testimony_facets'),
    audit: count('SELECT count(*) AS n FROM audit_log'),
  };
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-test-'));
  vault = (await Vault.create(path.join(root, 'vault'), { userName: 'a', roles: ['interviewer'], passphrase: PASS })).vault;
  service = new TestimonyService(vault);
  existingId = service.add({ title: '기존 증언', narrative: '바뀌면 안 됩니다' });
});
afterAll(() => {
  vault.lock();
  fs.rmSync(root, { recursive: true, force: true });
});

const cases: Array<[string, unknown, RegExp]> = [
  ['not an object', 'just a string', /Invalid testimony/],
  ['null', null, /Invalid testimony/],
  ['missing narrative', { title: 'x' }, /narrative/],
  ['empty narrative', { title: 'x', narrative: '   ' }, /narrative/],
  ['unknown field', { title: 'x', narrative: 'y', secretBackdoor: true }, /secretBackdoor/],
  ['unknown nested field', { title: 'x', narrative: 'y', interviewee: { code: 'A', shoeSize: 3 } }, /interviewee.*shoeSize/],
  ['oversized title', { title: 'x'.repeat(LIMITS.title + 1), narrative: 'y' }, /title/],
  ['oversized narrative', { title: 'x', narrative: 'y'.repeat(LIMITS.narrative + 1) }, /narrative/],
  ['invalid month', { title: 'x', narrative: 'y', events: [{ id: 'e1', date: '2011-13' }] }, /events\[0\]\.date.*13/],
  ['invalid day', { title: 'x', narrative: 'y', events: [{ id: 'e1', date: '2011-02-30' }] }, /events\[0\]\.date/],
  ['not a date', { title: 'x', narrative: 'y', events: [{ id: 'e1', date: 'last winter' }] }, /events\[0\]\.date/],
  ['unknown violation', { title: 'x', narrative: 'y', events: [{ id: 'e1', violations: ['jaywalking'] }] }, /violations/],
  ['unknown place id', { title: 'x', narrative: 'y', events: [{ id: 'e1', place: { gazetteerId: 'nk-atlantis' } }] }, /place/],
  ['wrong type', { title: 42, narrative: 'y' }, /title/],
];

describe('bad testimony input is refused with a clear message and nothing written', () => {
  it.each(cases)('%s', (_name, input, message) => {
    const before = snapshot();
    expect(() => service.add(input)).toThrow(message);
    expect(() => service.update(existingId, input)).toThrow(message);
    expect(snapshot()).toEqual(before);
    expect(service.show(existingId).record.narrative.text).toBe('바뀌면 안 됩니다');
  });
});
