/**
 * End to end in real Chromium, against the built renderer and the real services: create a vault,
 * record a testimony with an event and attachments (a file and an in-app recording), search it,
 * see its history, lock (by button and from the main process) and unlock; users, audit log and
 * dashboard; screenshots of the main screens in Korean and English. Controls are found by role and
 * accessible name, as a person would find them. One browser and one vault for the whole file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, launchHarness, reachableHeapText, unnamedOrUnreachableControls, type AppPage, type Harness } from './harness';

const PASSPHRASE = '두만강 건너 봄바람 분다 2024';
const CANARY = 'CANARY-narrative-7f3a9c';
const CANARY_KO = '보위부구류장카나리아';

const available = chromiumAvailable();
let harness: Harness;
let app: AppPage;
let page: Page;

describe.skipIf(!available)('the app in Chromium', () => {
  beforeAll(async () => {
    harness = await launchHarness();
    app = await harness.openApp();
    page = app.page;
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('creates a vault, shows the recovery key once and checks it was written down', async () => {
    await page.getByRole('heading', { name: '새 보관함 만들기' }).waitFor();
    await harness.screenshot(page, 'create-vault-ko');
    await page.getByLabel('사용자 이름').fill('김민지');
    await page.getByRole('checkbox', { name: '검토자' }).check();
    await page.getByLabel('암호문', { exact: true }).fill('짧은암호');
    await expect.poll(() => page.getByText('강도: 너무 짧음').count()).toBe(1);
    await page.getByLabel('암호문', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('암호문 다시 입력').fill(PASSPHRASE);
    await page.getByRole('button', { name: '보관함 만들기' }).click();

    await page.getByRole('heading', { name: '복구 키를 종이에 적으세요' }).waitFor({ timeout: 30_000 });
    const groups = await page.locator('.recovery-group').allTextContents();
    expect(groups).toHaveLength(14);
    await harness.screenshot(page, 'recovery-key-ko');
    const next = page.getByRole('button', { name: '다음: 적은 키 확인' });
    expect(await next.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: '복구 키를 종이에 모두 적었습니다' }).check();
    await next.click();

    const asked = await page.locator('label', { hasText: '번째 묶음' }).allTextContents();
    const numbers = asked.map((label) => Number(/(\d+)/.exec(label)![1]));
    await page.getByLabel(`${numbers[0]}번째 묶음`, { exact: true }).fill('WRONG');
    await page.getByLabel(`${numbers[1]}번째 묶음`, { exact: true }).fill(groups[numbers[1]! - 1]!);
    await page.getByRole('button', { name: '확인하고 시작' }).click();
    await page.getByText('적은 내용과 맞지 않습니다').waitFor();
    await page.getByLabel(`${numbers[0]}번째 묶음`, { exact: true }).fill(groups[numbers[0]! - 1]!.toLowerCase());
    await page.getByRole('button', { name: '확인하고 시작' }).click();
    await page.getByRole('heading', { name: '증언 목록' }).waitFor();
    // The key is gone from the page once confirmed.
    expect(await page.content()).not.toContain(groups.join('-'));
  });

  it('records a testimony with an event, dates in words, a gazetteer place, and autosaves it', async () => {
    await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('button', { name: '새 증언' }).click();
    await page.getByRole('heading', { name: '새 증언' }).waitFor();
    await page.getByLabel('제목', { exact: true }).fill('회령 구류장 증언');
    await page.getByRole('button', { name: '사건 추가' }).click();
    const event = page.getByRole('group', { name: '사건 1' });
    await event.getByRole('checkbox', { name: '구류장 구금 (보위부·안전부 구류장)' }).check();
    const date = event.getByRole('group', { name: '날짜', exact: true });
    await date.getByLabel('연도').fill('2009');
    await date.getByLabel('월 또는 계절').selectOption({ label: '봄' });
    await date.getByLabel('확실한 정도').selectOption({ label: '무렵 (대략)' });
    expect(await date.getByLabel('날짜 (EDTF)').inputValue()).toBe('2009-21~');
    await date.getByText('2009년 봄 무렵').waitFor();
    const place = event.getByRole('group', { name: '장소', exact: true });
    await place.getByRole('combobox', { name: '지명 사전에서 찾기' }).fill('Hoeryong');
    await place.getByRole('option', { name: /회령시 · 함경북도/ }).click();
    await place.getByText('선택됨').waitFor();
    await page.getByRole('textbox', { name: '진술', exact: true }).fill(`${CANARY} ${CANARY_KO} 그해 봄에 회령 보위부에 잡혀갔습니다.`);
    await page.getByText('저장됨 · 버전 1').waitFor({ timeout: 15_000 });
    await harness.screenshot(page, 'testimony-form-ko');
    await event.scrollIntoViewIfNeeded();
    await harness.screenshot(page, 'testimony-event-ko');
  });

  it('shows the schema\'s message next to the field and keeps the typing when it cannot save', async () => {
    const event = page.getByRole('group', { name: '사건 1' });
    const dateText = event.getByRole('group', { name: '날짜', exact: true }).getByLabel('날짜 (EDTF)');
    await dateText.fill('2009-13');
    await page.getByText('저장 못함: 고칠 곳 1개').waitFor({ timeout: 10_000 });
    const describedBy = await dateText.getAttribute('aria-describedby');
    const message = await page.locator(`[id="${describedBy!.split(' ').at(-1)}"]`).textContent();
    expect(message).toContain('no month 13');
    expect(await dateText.getAttribute('aria-invalid')).toBe('true');
    await dateText.fill('2009-21~');
    await page.getByText('저장됨 · 버전 1').waitFor({ timeout: 10_000 });
  });

  it('adds a file through the file input in chunks, records audio from the microphone, plays and verifies them', async () => {
    await page.getByRole('tab', { name: '첨부 파일' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '파일 추가…' }).click();
    await (await chooser).setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('cell', { name: 'photo.png', exact: true }).waitFor();
    await page.getByRole('button', { name: 'photo.png 열기' }).click();
    await page.getByRole('img', { name: 'photo.png' }).waitFor();
    expect(await page.getByRole('img', { name: 'photo.png' }).getAttribute('src')).toMatch(/^blob:/);
    await page.getByRole('button', { name: 'photo.png 무결성 확인' }).click();
    await page.getByRole('cell', { name: /손상 없음/ }).waitFor();

    await page.getByRole('button', { name: '녹음 시작' }).click();
    await page.getByText(/녹음 중 0:0[2-9]/).waitFor({ timeout: 15_000 });
    await harness.screenshot(page, 'attachments-recording-ko');
    await page.getByRole('button', { name: '녹음 끝내고 저장' }).click();
    const recording = page.getByRole('cell', { name: /^recording-.*\.(webm|ogg)$/ });
    await recording.waitFor({ timeout: 15_000 });
    const name = (await recording.textContent())!;
    await page.getByRole('button', { name: `${name} 열기` }).click();
    await page.locator('audio').waitFor();
    const size = await page.locator('tr', { hasText: name }).getByRole('cell').nth(2).textContent();
    expect(size).toMatch(/KB|B/);
    await harness.screenshot(page, 'attachments-ko');
  });

  it('finds it by search and by facet', async () => {
    await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('button', { name: '증언 목록' }).click();
    await page.getByLabel('검색', { exact: true }).fill('회령');
    await page.getByRole('button', { name: /회령 구류장 증언/ }).waitFor();
    await page.getByText('증언 1건', { exact: true }).first().waitFor();
    await page.getByLabel('인권침해 유형').selectOption({ value: 'detention-kuryujang' });
    await page.getByRole('button', { name: /회령 구류장 증언/ }).waitFor();
    await page.getByLabel('인권침해 유형').selectOption({ value: '' });
    await page.getByLabel('검색', { exact: true }).fill('평양');
    await page.getByText('찾는 증언이 없습니다.').waitFor();
    await page.getByLabel('검색', { exact: true }).fill('');
    await page.getByRole('button', { name: /회령 구류장 증언/ }).waitFor();
    await harness.screenshot(page, 'list-ko');
  });

  it('keeps every version and shows what changed', async () => {
    await page.getByRole('button', { name: /회령 구류장 증언/ }).click();
    await page.getByText('저장됨 · 버전 1').waitFor();
    const narrative = page.getByRole('textbox', { name: '진술', exact: true });
    await narrative.fill(`${await narrative.inputValue()} 두 달 동안 조사를 받았습니다.`);
    await page.getByText('저장됨 · 버전 2').waitFor({ timeout: 15_000 });
    await page.getByRole('tab', { name: '변경 이력' }).click();
    await page.getByRole('button', { name: '버전 2 보기' }).click();
    await page.getByRole('rowheader', { name: 'narrative.text' }).waitFor();
    await harness.screenshot(page, 'history-ko');
  });

  it('names every control of the interview form for screen readers and lets the keyboard reach it', async () => {
    await page.getByRole('tab', { name: '내용' }).click();
    await page.getByRole('button', { name: '인물 추가' }).click();
    await page.getByRole('group', { name: '사건 1' }).getByRole('button', { name: '가해자 추가' }).click();
    const unnamed = await unnamedOrUnreachableControls(page);
    expect(unnamed).toEqual([]);
    // The new person row is announced with its own name, and removing it is a named button too.
    await page.getByRole('group', { name: '인물 1 (p1)' }).getByRole('button', { name: '인물 1 삭제' }).click();
    await page.getByRole('group', { name: '사건 1' }).getByRole('button', { name: '가해자 1 삭제' }).click();
    await page.getByText(/저장됨 · 버전 \d+/).waitFor({ timeout: 15_000 });
  });

  it('quick lock clears everything decrypted from the page; a wrong passphrase is told; unlock brings it back', async () => {
    await page.getByRole('button', { name: '잠그기' }).click();
    await page.getByRole('heading', { name: '보관함 열기' }).waitFor();
    await page.getByText('보관함이 잠겼습니다').waitFor();
    await expectNothingDecrypted(page);
    await harness.screenshot(page, 'unlock-ko');

    await page.getByLabel('암호문 또는 복구 키').fill('이것은 틀린 암호문입니다');
    await page.getByRole('button', { name: '열기' }).click();
    await page.getByRole('alert').getByText('암호문이 틀렸습니다.').waitFor({ timeout: 30_000 });
    await page.getByLabel('암호문 또는 복구 키').fill(PASSPHRASE);
    await page.getByRole('button', { name: '열기' }).click();
    await page.getByRole('button', { name: /회령 구류장 증언/ }).waitFor({ timeout: 30_000 });
  });

  it('locks when the main process says so (shortcut or idle timeout), and clears the page the same way', async () => {
    await page.getByRole('button', { name: /회령 구류장 증언/ }).click();
    await page.getByText(/저장됨 · 버전 \d+/).waitFor();
    await app.lockFromMain('idle');
    await page.getByText('한동안 사용하지 않아 보관함이 잠겼습니다.').waitFor();
    await expectNothingDecrypted(page);
    await page.getByLabel('암호문 또는 복구 키').fill(PASSPHRASE);
    await page.getByRole('button', { name: '열기' }).click();
    await page.getByRole('heading', { name: '증언 목록' }).waitFor({ timeout: 30_000 });
  });

  it('lets the administrator add a reviewer, checks the audit log, and shows the dashboard', async () => {
    const nav = page.getByRole('navigation', { name: '주 메뉴' });
    await nav.getByRole('button', { name: '사용자' }).click();
    const form = page.getByRole('form', { name: '사용자 추가' });
    await form.getByLabel('이름').fill('reviewer-lee');
    await form.getByRole('checkbox', { name: '검토자' }).check();
    await form.getByLabel('그 사용자의 첫 암호문').fill('reviewer passphrase one');
    await form.getByLabel('암호문 다시 입력').fill('reviewer passphrase one');
    await form.getByRole('button', { name: '추가' }).click();
    await page.getByRole('cell', { name: 'reviewer-lee' }).waitFor({ timeout: 30_000 });
    await harness.screenshot(page, 'users-ko');

    await nav.getByRole('button', { name: '감사 기록' }).click();
    await page.getByRole('button', { name: '기록 검증' }).click();
    await page.getByText(/감사 기록 \d+건이 모두 온전합니다/).waitFor();
    expect(await page.getByRole('cell', { name: '증언 수정' }).count()).toBeGreaterThan(0);
    await harness.screenshot(page, 'audit-ko');

    await nav.getByRole('button', { name: '통계' }).click();
    const map = page.getByRole('figure', { name: '도별 증언', exact: true });
    await map.getByRole('img', { name: /함경북도 \(1건\)/ }).waitFor();
    await map.locator('summary', { hasText: '표로 보기' }).click();
    await map.getByRole('row', { name: /함경북도 1/ }).waitFor();
    await harness.screenshot(page, 'dashboard-ko');
  });

  it('switches to English everywhere, and the main screens look right in both languages', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    const nav = page.getByRole('navigation', { name: 'Main menu' });
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('figure', { name: 'Testimonies by province' }).getByRole('img', { name: /Hamgyŏng-bukto \(1\)/ }).waitFor();
    await harness.screenshot(page, 'dashboard-en');
    await nav.getByRole('button', { name: 'Testimonies' }).click();
    await page.getByText('1 testimonies', { exact: true }).first().waitFor();
    await harness.screenshot(page, 'list-en');
    await page.getByRole('button', { name: /회령 구류장 증언/ }).click();
    await page.getByText(/Saved · version \d+/).waitFor();
    await page.getByRole('group', { name: 'Event 1' }).getByText('around spring 2009').waitFor();
    await harness.screenshot(page, 'testimony-form-en');
    await page.getByRole('tab', { name: 'Attachments' }).click();
    await page.getByRole('cell', { name: 'photo.png', exact: true }).waitFor();
    await harness.screenshot(page, 'attachments-en');
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('button', { name: 'View version 1' }).click();
    await harness.screenshot(page, 'history-en');
    await nav.getByRole('button', { name: 'Users' }).click();
    await harness.screenshot(page, 'users-en');
    await nav.getByRole('button', { name: 'Audit log' }).click();
    await harness.screenshot(page, 'audit-en');
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Open the vault' }).waitFor();
    await harness.screenshot(page, 'unlock-en');
    await page.getByRole('button', { name: '한국어' }).click();
  });

  it('made no request off the app origin, no CSP violation and no page error', () => {
    expect(harness.requests.length).toBeGreaterThan(10);
    expect(harness.requests.some((url) => url.endsWith('.woff2'))).toBe(true);
    harness.assertClean();
  });
});

async function expectNothingDecrypted(target: Page): Promise<void> {
  const html = await target.content();
  for (const secret of [CANARY, CANARY_KO, '회령 구류장 증언', 'photo.png']) expect(html).not.toContain(secret);
  const live = await target.evaluate(() => document.querySelectorAll('img[src^="blob:"], audio[src^="blob:"], video[src^="blob:"]').length);
  expect(live).toBe(0);
  const heap = await reachableHeapText(target);
  expect(heap.length).toBeGreaterThan(100_000);
  expect(heap.includes(CANARY), 'the ASCII canary is still reachable from JavaScript').toBe(false);
  const escaped = JSON.stringify(CANARY_KO).slice(1, -1);
  const unicodeEscaped = [...CANARY_KO].map((character) => `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join('');
  expect(heap.includes(escaped) || heap.includes(unicodeEscaped), 'the Korean canary is still reachable from JavaScript').toBe(false);
}

/** A 2×2 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);
