/**
 * Sealed archives through the UI, in real Chromium with the real services: two vaults (two pages,
 * each with its own handlers and vault folder) trust each other through the keys screen, comparing
 * the fingerprint; a testimony with an attachment goes from one to the other as a full archive
 * through the export and import wizards; the same archive again changes nothing; a corrupted copy
 * is refused with a clear message and the vault unchanged; a redacted export's plan names the
 * testimony left out for want of an approved release. The native dialogs are stand-ins that answer
 * with real paths in the test's temp folder. Screenshots of the keys, export and import screens in
 * Korean and English.
 *
 * The vaults and their testimonies are set up through the handlers (the workflow test covers doing
 * that in the UI); what this file is about is done by role and accessible name, as a person would.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { handlerCaller, uploadThrough, type HandlerCaller } from '../helpers/handlers';
import { chromiumAvailable, launchHarness, unnamedOrUnreachableControls, type AppPage, type Harness } from './harness';
import { nav, prepareTrustInUi, scriptedDialogs, scrollToTop, TINY_PNG, trustInUi } from './steps';

const PASSPHRASE_A = '현장 노트북 암호문 2024 봄';
const PASSPHRASE_JUN = '두 번째 검토자의 암호문';
const PASSPHRASE_B = '서울 기록 보관소 암호문 2024';
const TITLE_FULL = '회령 구류장 증언';
const TITLE_RELEASED = '겨울 국경 증언';

const available = chromiumAvailable();
let harness: Harness;
let appA: AppPage;
let appB: AppPage;
let a: Page;
let b: Page;
let callA: HandlerCaller;
let callB: HandlerCaller;
let outDir: string;
let archiveFile: string;
let fingerprintA: string;

const { dialogs, answers } = scriptedDialogs();

/** What a refused import must leave exactly as it was: testimonies, attachments, audit log, files. */
async function vaultState(caller: HandlerCaller, vaultDir: string): Promise<string> {
  const list = await caller.value('testimony:list', {});
  const attachments = await Promise.all(list.items.map((item) => caller.value('attachment:list', { testimonyId: item.id })));
  const audit = await caller.value('audit:list', { limit: 500 });
  const files = fs.readdirSync(vaultDir, { recursive: true }).map(String).filter((name) => !/^vault\.db/.test(name)).sort();
  return JSON.stringify({ list, attachments, audit: audit.entries.map((entry) => entry.seq), files });
}

describe.skipIf(!available)('sealed archives through the UI', () => {
  beforeAll(async () => {
    harness = await launchHarness();
    outDir = fs.mkdtempSync(path.join(harness.root, 'usb-'));
    appA = await harness.openApp({
      dialogs,
      beforeLoad: async (handlers) => {
        callA = handlerCaller(() => handlers);
        await callA.value('vault:create', { userName: 'minji', roles: ['interviewer', 'reviewer', 'archivist'], passphrase: PASSPHRASE_A });
        const consent = { scopes: ['internal-archive' as const, 'redacted-publication' as const], obtained: 'written' as const, date: '2024-03-15' };
        const full = await callA.value('testimony:create', { input: { title: TITLE_FULL, consent, narrative: '그해 봄에 보위부 구류장에 잡혀갔습니다.' } });
        await uploadThrough(callA, full.id, 'photo.png', TINY_PNG, 'image/png');
        // A second testimony with a release approved by a second reviewer (four eyes).
        const released = await callA.value('testimony:create', { input: { title: TITLE_RELEASED, consent, narrative: '그해 겨울은 몹시 추웠습니다.' } });
        await callA.value('review:start', { testimonyId: released.id });
        for (const item of (await callA.value('review:show', { testimonyId: released.id })).items) {
          if (item.status === 'pending') await callA.value('review:decide', { testimonyId: released.id, itemId: item.id, decision: 'accept' });
        }
        await callA.value('release:prepare', { testimonyId: released.id });
        await callA.value('user:add', { name: 'jun', roles: ['reviewer'], passphrase: PASSPHRASE_JUN });
        await callA.value('vault:lock');
        await callA.value('vault:unlock', { passphrase: PASSPHRASE_JUN });
        await callA.value('release:approve', { testimonyId: released.id });
        await callA.value('vault:lock');
        await callA.value('vault:unlock', { passphrase: PASSPHRASE_A });
      },
    });
    appB = await harness.openApp({
      dialogs,
      beforeLoad: async (handlers) => {
        callB = handlerCaller(() => handlers);
        // An archivist who also edits, so that both sides can change the same testimony (a conflict).
        await callB.value('vault:create', { userName: 'archivist-park', roles: ['archivist', 'interviewer'], passphrase: PASSPHRASE_B });
      },
    });
    a = appA.page;
    b = appB.page;
    await a.getByRole('heading', { name: '증언 목록' }).waitFor();
    await b.getByRole('heading', { name: '증언 목록' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('trusts each workstation on the other through the keys screen, after comparing the fingerprint', async () => {
    fingerprintA = await prepareTrustInUi(a, b, 'field-laptop-a');
    await harness.screenshot(b, 'keys-trust-ko');
    // A key edited after the comparison drops it: the new keys' fingerprint must be compared again.
    const form = b.getByRole('form', { name: '작업대 신뢰하기' });
    const minisign = form.getByLabel('minisign 공개 키 (서명)');
    const typed = await minisign.inputValue();
    await minisign.fill(`${typed} `);
    expect(await form.getByRole('checkbox', { name: /지문을 소리 내어 맞춰 보았고/ }).count()).toBe(0);
    await minisign.fill(typed);
    await form.getByRole('button', { name: '맞춰 볼 지문 보기' }).click();
    await form.getByRole('checkbox', { name: /지문을 소리 내어 맞춰 보았고/ }).check();
    await b.getByRole('button', { name: '이 작업대 신뢰하기' }).click();
    const rowB = b.getByRole('row', { name: /field-laptop-a/ });
    await rowB.waitFor();
    expect(await rowB.textContent()).toContain(fingerprintA);
    expect(await rowB.textContent()).toContain('내부 기록 보관');

    await trustInUi(b, a, 'seoul-archive');
    expect(await unnamedOrUnreachableControls(a)).toEqual([]);
    await scrollToTop(a);
    await harness.screenshot(a, 'keys-ko');
    const trusted = await callA.value('keys:trusted');
    expect(trusted.workstations.map((each) => each.name)).toEqual(['seoul-archive']);

    // The age identity, for opening archives with the age command line: a new file, owner-only.
    answers.save = path.join(harness.root, 'age-identity.txt');
    await a.getByRole('button', { name: 'age 신원 키 내보내기…' }).click();
    await a.locator('#main').getByText(/age 신원 키 1개를 .*age-identity\.txt에 썼습니다/).waitFor();
    expect(fs.readFileSync(answers.save, 'utf8')).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]+$/m);
    expect(fs.statSync(answers.save).mode & 0o777).toBe(0o600);
    // Never over an existing file: the second time is refused, and the file is as it was.
    const written = fs.readFileSync(answers.save);
    await a.getByRole('button', { name: 'age 신원 키 내보내기…' }).click();
    await a.getByRole('alert').getByText('같은 이름의 파일이 이미 있습니다. 덮어쓰지 않았습니다.').waitFor();
    expect(fs.readFileSync(answers.save).equals(written)).toBe(true);
  });

  it('exports a testimony with its attachment as a full archive through the wizard, with progress and a report', async () => {
    await nav(a, '내보내기·가져오기').click();
    await a.getByRole('heading', { name: '기록물 봉인하기' }).waitFor();
    await a.getByRole('radio', { name: /seoul-archive/ }).check();
    await a.getByRole('radio', { name: /전체 기록물/ }).check();
    await a.getByRole('radio', { name: '고른 증언' }).check();
    await a.getByRole('checkbox', { name: new RegExp(TITLE_FULL) }).check();
    expect(await unnamedOrUnreachableControls(a)).toEqual([]);
    await harness.screenshot(a, 'export-ko');
    await a.getByRole('button', { name: '다음: 봉인할 내용 보기' }).click();
    const sealed = a.getByRole('table', { name: '봉인: 증언 1건' });
    await sealed.getByRole('rowheader', { name: TITLE_FULL }).waitFor();
    expect(await sealed.getByRole('row', { name: new RegExp(TITLE_FULL) }).getByRole('cell').allTextContents()).toEqual(['1', '1', '1']);
    await a.getByText('제외되는 것이 없습니다.').waitFor();
    expect(await unnamedOrUnreachableControls(a)).toEqual([]);
    await harness.screenshot(a, 'export-plan-ko');

    await a.evaluate(() => {
      const seen: unknown[] = [];
      (window as unknown as { __exportEvents: unknown[] }).__exportEvents = seen;
      (window as unknown as { tw: { onProgress(listener: (event: unknown) => void): void } }).tw.onProgress((event) => seen.push(event));
    });
    let release!: () => void;
    answers.hold = new Promise((resolve) => (release = resolve));
    answers.folder = outDir;
    await a.getByRole('button', { name: '폴더를 고르고 봉인…' }).click();
    // While the folder dialog is open the wizard already shows its progress bar, by name.
    await a.getByRole('progressbar', { name: '기록물 봉인' }).waitFor();
    release();
    answers.hold = undefined;
    const report = a.getByRole('region', { name: '기록물 봉인 완료' });
    await report.waitFor({ timeout: 30_000 });
    await harness.screenshot(a, 'export-report-ko');

    const files = fs.readdirSync(outDir).filter((name) => name.endsWith('.twa'));
    expect(files).toHaveLength(1);
    archiveFile = path.join(outDir, files[0]!);
    const bytes = fs.readFileSync(archiveFile);
    const text = (await report.textContent())!;
    expect(text).toContain(crypto.createHash('sha256').update(bytes).digest('hex'));
    expect(text).toMatch(/기록물 ID[0-9a-f]{32}/);
    expect(text).toContain('증언1');
    expect(text).toContain(archiveFile);
    const events = (await a.evaluate(() => (window as unknown as { __exportEvents: Array<{ operation: string; phase?: string; done: number; total?: number }> }).__exportEvents)).filter(
      (event) => event.operation === 'export',
    );
    const last = events.at(-1)!;
    expect(last.phase).toBe('done');
    expect(last.total).toBeGreaterThan(TINY_PNG.length);
    expect(last.done).toBe(last.total);
  });

  it('imports it into the second vault through the import wizard: verified first, the sender\'s fingerprint shown, outcome "new"', async () => {
    await nav(b, '내보내기·가져오기').click();
    await b.getByRole('tab', { name: '가져오기' }).click();
    answers.files = [archiveFile];
    await b.getByRole('button', { name: '기록물을 골라 확인…' }).click();
    const verified = b.getByRole('region', { name: '기록물이 온전하고 서명이 유효합니다' });
    await verified.waitFor({ timeout: 30_000 });
    expect(await verified.getByRole('list', { name: /보낸 곳 field-laptop-a의 지문/ }).getAttribute('data-fingerprint')).toBe(fingerprintA);
    const row = verified.getByRole('row', { name: new RegExp(TITLE_FULL) });
    expect(await row.textContent()).toContain('새 증언');
    // Verifying imported nothing.
    expect((await callB.value('testimony:list', {})).total).toBe(0);
    expect(await unnamedOrUnreachableControls(b)).toEqual([]);
    await harness.screenshot(b, 'import-verify-ko');

    await verified.getByRole('button', { name: '가져오기', exact: true }).click();
    const report = b.getByRole('region', { name: '가져오기 완료' });
    await report.getByRole('status').getByText('가져왔습니다: 증언 1건.').waitFor({ timeout: 30_000 });
    expect(await report.getByRole('row', { name: new RegExp(TITLE_FULL) }).textContent()).toContain('버전 1개와 함께 추가했습니다.');
    await report.getByRole('button', { name: `${TITLE_FULL}의 보관 경로` }).click();
    await b.getByRole('region', { name: `보관 경로: ${TITLE_FULL}` }).getByText(/field-laptop-a에게서 가져옴/).waitFor();
    await harness.screenshot(b, 'import-report-ko');

    const list = await callB.value('testimony:list', {});
    expect(list.items.map((item) => item.title)).toEqual([TITLE_FULL]);
    const attachments = await callB.value('attachment:list', { testimonyId: list.items[0]!.id });
    expect(attachments.attachments.map((each) => [each.fileName, each.size])).toEqual([['photo.png', TINY_PNG.length]]);
  });

  it('importing the same archive again says so and changes nothing', async () => {
    const before = await vaultState(callB, appB.vaultDir);
    await b.getByRole('button', { name: '다른 기록물 가져오기' }).click();
    await b.getByRole('button', { name: '기록물을 골라 확인…' }).click();
    const verified = b.getByRole('region', { name: '기록물이 온전하고 서명이 유효합니다' });
    await verified.getByText(/이 기록물은 .*에 가져왔습니다/).waitFor({ timeout: 30_000 });
    await verified.getByRole('button', { name: '가져오기', exact: true }).click();
    await b.getByRole('region', { name: '가져오기 완료' }).getByRole('status').getByText('이미 가져온 기록물입니다: 바뀐 것이 없습니다.').waitFor({ timeout: 30_000 });
    expect(await vaultState(callB, appB.vaultDir)).toBe(before);
  });

  it('refuses a corrupted copy with a clear message, and the vault is exactly as before', async () => {
    const bytes = fs.readFileSync(archiveFile);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x20;
    const corrupted = path.join(outDir, 'corrupted-copy.twa');
    fs.writeFileSync(corrupted, bytes);
    const before = await vaultState(callB, appB.vaultDir);
    await b.getByRole('button', { name: '다른 기록물 가져오기' }).click();
    answers.files = [corrupted];
    await b.getByRole('button', { name: '기록물을 골라 확인…' }).click();
    const alert = b.getByRole('alert');
    await alert.getByText('기록물을 거부했습니다').waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toMatch(/손상되었거나 변조되었습니다|해시와 다릅니다/);
    expect(await alert.textContent()).toContain('보관함은 그대로입니다');
    await harness.screenshot(b, 'import-refused-ko');
    expect(await vaultState(callB, appB.vaultDir)).toBe(before);
  });

  it('shows a conflict when both sides edited, compares the versions side by side and resolves it', async () => {
    // Both workstations edit the testimony after the exchange; B seals its version for A.
    const [onB] = (await callB.value('testimony:list', {})).items;
    const hereB = await callB.value('testimony:get', { id: onB!.id });
    await callB.value('testimony:update', { id: onB!.id, expectedVersion: hereB.version, input: { ...hereB.record, narrative: { ...hereB.record.narrative, text: '서울에서 고친 진술입니다.' } } });
    const hereA = await callA.value('testimony:get', { id: onB!.id });
    await callA.value('testimony:update', { id: onB!.id, expectedVersion: hereA.version, input: { ...hereA.record, narrative: { ...hereA.record.narrative, text: '현장에서 고친 진술입니다.' } } });
    answers.folder = fs.mkdtempSync(path.join(harness.root, 'usb-back-'));
    const back = await callB.value('archive:export', { recipient: 'field-laptop-a', kind: 'full', selection: { by: 'ids', ids: [onB!.id] }, operationId: 'back' });
    if (back.outcome !== 'written') throw new Error('the export was not written');

    await nav(a, '내보내기·가져오기').click();
    await a.getByRole('tab', { name: '가져오기' }).click();
    answers.files = [back.file];
    await a.getByRole('button', { name: '기록물을 골라 확인…' }).click();
    const verified = a.getByRole('region', { name: '기록물이 온전하고 서명이 유효합니다' });
    expect(await verified.getByRole('row', { name: new RegExp(TITLE_FULL) }).textContent({ timeout: 30_000 })).toContain('충돌');
    await verified.getByRole('button', { name: '가져오기', exact: true }).click();
    await a.getByRole('region', { name: '가져오기 완료' }).getByText('충돌 1건이 있습니다: 양쪽 모두 수정했습니다. 충돌 탭을 보세요.').waitFor({ timeout: 30_000 });
    // Nothing was overwritten: this vault's edit is still the current version.
    expect((await callA.value('testimony:get', { id: onB!.id })).record.narrative.text).toBe('현장에서 고친 진술입니다.');

    await a.getByRole('tab', { name: '충돌' }).click();
    await a.getByRole('button', { name: `${TITLE_FULL} 비교` }).click();
    await a.getByRole('region', { name: /이 보관함 \(버전 \d+\)/ }).getByText('현장에서 고친 진술입니다.').waitFor();
    await a.getByRole('region', { name: /field-laptop-a|seoul-archive/ }).getByText('서울에서 고친 진술입니다.').waitFor();
    await a.getByRole('button', { name: `${TITLE_FULL}의 보관 경로` }).click();
    const custody = a.getByRole('region', { name: `보관 경로: ${TITLE_FULL}` });
    await custody.getByText(/이 보관함이\(가\) seoul-archive\(으\)로 내보냄/).waitFor();
    await custody.getByText(/seoul-archive에게서 가져옴/).waitFor();
    await harness.screenshot(a, 'conflicts-ko');
    expect(await unnamedOrUnreachableControls(a)).toEqual([]);

    await a.getByRole('button', { name: `${TITLE_FULL}: 상대의 버전 채택` }).click();
    await a.getByText('충돌이 없습니다.').waitFor();
    expect((await callA.value('testimony:get', { id: onB!.id })).record.narrative.text).toBe('서울에서 고친 진술입니다.');
    await a.getByRole('checkbox', { name: '해결된 충돌도 보기' }).check();
    expect(await a.getByRole('row', { name: new RegExp(TITLE_FULL) }).textContent()).toContain('상대의 것을 채택 (minji');
    await a.getByRole('tab', { name: '내보내기' }).click();
  });

  it('a redacted export\'s plan names the testimony left out because it has no approved release', async () => {
    await a.getByRole('radio', { name: /익명 처리본/ }).check();
    await a.getByRole('radio', { name: '전부' }).check();
    await a.getByRole('button', { name: '다음: 봉인할 내용 보기' }).click();
    await a.getByRole('table', { name: '익명 처리된 형태로 봉인: 증언 1건' }).waitFor();
    const left = a.getByRole('table', { name: '제외: 증언 1건' });
    expect(await left.getByRole('row', { name: new RegExp(TITLE_FULL) }).textContent()).toContain('승인된 익명 처리본이 없습니다');
    await harness.screenshot(a, 'export-plan-redacted-ko');
  });

  it('shows the keys, export and import screens in English', async () => {
    await a.getByRole('button', { name: 'English' }).click();
    await a.getByRole('button', { name: 'Back' }).click();
    await a.getByRole('button', { name: 'Next: see what will be sealed' }).click();
    const left = a.getByRole('table', { name: 'Left out: 1 testimonies' });
    expect(await left.getByRole('row', { name: new RegExp(TITLE_FULL) }).textContent()).toContain('It has no approved release');
    await harness.screenshot(a, 'export-plan-redacted-en');
    await nav(a, 'Keys').click();
    await a.getByRole('region', { name: 'This workstation' }).getByRole('list', { name: /Fingerprint of this workstation/ }).waitFor();
    await scrollToTop(a);
    await harness.screenshot(a, 'keys-en');
    // Untrusting asks once more, then the workstation is gone from the list (its row stays for custody).
    await a.getByRole('button', { name: 'Stop trusting seoul-archive' }).click();
    await a.getByRole('button', { name: 'Really stop trusting seoul-archive' }).click();
    await a.getByText('No workstation is trusted yet.').waitFor();
    expect((await callA.value('keys:trusted')).workstations).toEqual([]);

    await b.getByRole('button', { name: 'English' }).click();
    // Still the refusal of the corrupted copy, now in English.
    await b.getByRole('alert').getByText('The archive was refused').waitFor();
    answers.files = [archiveFile];
    await b.getByRole('button', { name: 'Choose an archive and check it…' }).click();
    const verified = b.getByRole('region', { name: 'The archive is intact and its signature is valid' });
    await verified.getByRole('list', { name: /Fingerprint of the sender, field-laptop-a/ }).waitFor({ timeout: 30_000 });
    await harness.screenshot(b, 'import-verify-en');
    await verified.getByRole('button', { name: 'Cancel' }).click();
    await b.getByRole('tab', { name: 'Conflicts' }).click();
    await b.getByText('No conflicts.').waitFor();
    await b.getByRole('tab', { name: 'Export' }).click();
    await b.getByRole('radio', { name: /field-laptop-a/ }).waitFor();
    await harness.screenshot(b, 'export-en');

    // New keys: the fingerprint changes, and the screen says the others must trust it again.
    await nav(b, 'Keys').click();
    const own = b.getByRole('region', { name: 'This workstation' });
    const before = await own.getByRole('list', { name: /Fingerprint of this workstation/ }).getAttribute('data-fingerprint');
    await own.getByRole('button', { name: 'Make new keys…' }).click();
    await own.getByText('The fingerprint changes: every other workstation must compare the new fingerprint and trust it again.').waitFor();
    await own.getByRole('button', { name: 'Make new keys now' }).click();
    await expect.poll(() => own.getByRole('list', { name: /Fingerprint of this workstation/ }).getAttribute('data-fingerprint')).not.toBe(before);
    expect((await callB.value('keys:show')).fingerprint).not.toBe(before);
  });

  it('made no request off the app origin, no CSP violation and no page error', () => {
    harness.assertClean();
  });
});
