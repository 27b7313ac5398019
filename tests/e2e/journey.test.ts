/**
 * One journey through the whole app, in real Chromium with the real services, every step in the
 * UI by role and accessible name: create a vault, record a testimony with an event and an
 * attachment, find it by search, redact it and have it approved by a second reviewer, trust a
 * publication workstation and export the release to it, import it into that second vault, and
 * lock and unlock. The native dialogs are stand-ins that answer with real temp paths.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { handlerCaller, type HandlerCaller } from '../helpers/handlers';
import { chromiumAvailable, launchHarness, type AppPage, type Harness } from './harness';
import { createVaultInUi, lockAndUnlockInUi, nav, scriptedDialogs, TINY_PNG, trustInUi } from './steps';

const MINJI = '두만강 건너 봄바람 분다 2024';
const LEE = '두 번째 검토자의 긴 암호문';
const PARK = '공개 기록 담당자의 암호문 2024';
const TITLE = '회령 보위부 구류장 증언';
const NAME = '김영철';

const available = chromiumAvailable();
const { dialogs, answers } = scriptedDialogs();
let harness: Harness;
let appA: AppPage;
let a: Page;
let b: Page;
let callA: HandlerCaller;
let archive: string;

describe.skipIf(!available)('a testimony from the interview to another archive', () => {
  beforeAll(async () => {
    harness = await launchHarness();
    appA = await harness.openApp({ dialogs, beforeLoad: async (handlers) => void (callA = handlerCaller(() => handlers)) });
    a = appA.page;
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('creates a vault and records a testimony with consent, an event and an attachment', async () => {
    await createVaultInUi(a, { name: 'minji', roles: ['면담자', '검토자', '기록관리자'], passphrase: MINJI });
    await nav(a, '새 증언').click();
    await a.getByLabel('제목', { exact: true }).fill(TITLE);
    await a.getByRole('checkbox', { name: '동의를 받았습니다' }).check();
    const scopes = a.getByRole('group', { name: '동의 범위' });
    await scopes.getByRole('checkbox', { name: '내부 기록 보관' }).check();
    await scopes.getByRole('checkbox', { name: '익명 처리 후 공개' }).check();
    await a.getByLabel('동의 방법').selectOption({ label: '서면 동의' });
    await a.getByLabel('동의 날짜').fill('2024-03-15');
    await a.getByRole('button', { name: '사건 추가' }).click();
    const event = a.getByRole('group', { name: '사건 1' });
    await event.getByRole('checkbox', { name: '구류장 구금 (보위부·안전부 구류장)' }).check();
    await event.getByRole('group', { name: '날짜', exact: true }).getByLabel('연도').fill('2009');
    await a.getByRole('textbox', { name: '진술', exact: true }).fill(`${NAME}이 그해 봄에 회령 보위부 구류장에 잡혀갔습니다.`);
    await a.getByText(/저장됨 · 버전 \d+/).waitFor({ timeout: 15_000 });

    await a.getByRole('tab', { name: '첨부 파일' }).click();
    answers.files = [path.join(harness.root, 'photo.png')];
    fs.writeFileSync(answers.files[0]!, TINY_PNG);
    await a.getByRole('button', { name: '파일 추가…' }).click();
    await a.getByRole('cell', { name: 'photo.png', exact: true }).waitFor();
  });

  it('finds it by search', async () => {
    await nav(a, '증언 목록').click();
    await a.getByLabel('검색', { exact: true }).fill('회령');
    await a.getByRole('button', { name: new RegExp(TITLE) }).waitFor();
    await a.getByLabel('검색', { exact: true }).fill('평양');
    await a.getByText('찾는 증언이 없습니다.').waitFor();
  });

  it('is redacted by one reviewer and approved by another', async () => {
    await nav(a, '사용자').click();
    const form = a.getByRole('form', { name: '사용자 추가' });
    await form.getByLabel('이름').fill('reviewer-lee');
    await form.getByRole('checkbox', { name: '검토자' }).check();
    await form.getByLabel('그 사용자의 첫 암호문').fill(LEE);
    await form.getByLabel('암호문 다시 입력').fill(LEE);
    await form.getByRole('button', { name: '추가' }).click();
    await a.getByRole('cell', { name: 'reviewer-lee' }).waitFor({ timeout: 30_000 });

    // The review screen is the redaction engineer's (ui2); until it is merged, its channels.
    const [testimony] = (await callA.value('testimony:list', {})).items;
    const testimonyId = testimony!.id;
    await callA.value('review:start', { testimonyId });
    for (const item of (await callA.value('review:show', { testimonyId })).items) {
      if (item.status === 'pending') await callA.value('review:decide', { testimonyId, itemId: item.id, decision: 'accept' });
    }
    await callA.value('release:prepare', { testimonyId });
    await lockAndUnlockInUi(a, LEE);
    await callA.value('release:approve', { testimonyId });
    await lockAndUnlockInUi(a, MINJI);
  });

  it('is exported as a redacted release to a trusted publication workstation and imported there', async () => {
    const appB = await harness.openApp({ dialogs });
    b = appB.page;
    await createVaultInUi(b, { name: 'park', roles: ['기록관리자'], passphrase: PARK });
    await trustInUi(a, b, 'field-laptop-a');
    await trustInUi(b, a, 'publication-desk', 'redacted-publication');

    await nav(a, '내보내기·가져오기').click();
    await a.getByRole('radio', { name: /publication-desk/ }).check();
    // A publication workstation receives redacted releases only.
    expect(await a.getByRole('radio', { name: /전체 기록물/ }).isDisabled()).toBe(true);
    await a.getByRole('radio', { name: '전부' }).check();
    await a.getByRole('button', { name: '다음: 봉인할 내용 보기' }).click();
    await a.getByRole('table', { name: '익명 처리된 형태로 봉인: 증언 1건' }).waitFor();
    answers.folder = fs.mkdtempSync(path.join(harness.root, 'usb-'));
    await a.getByRole('button', { name: '폴더를 고르고 봉인…' }).click();
    await a.getByRole('region', { name: '기록물 봉인 완료' }).waitFor({ timeout: 30_000 });
    archive = path.join(answers.folder, fs.readdirSync(answers.folder).find((name) => name.endsWith('.twa'))!);

    await nav(b, '내보내기·가져오기').click();
    await b.getByRole('tab', { name: '가져오기' }).click();
    answers.files = [archive];
    await b.getByRole('button', { name: '기록물을 골라 확인…' }).click();
    const verified = b.getByRole('region', { name: '기록물이 온전하고 서명이 유효합니다' });
    await verified.getByRole('row', { name: /새 증언/ }).waitFor({ timeout: 30_000 });
    await verified.getByRole('button', { name: '가져오기', exact: true }).click();
    await b.getByRole('region', { name: '가져오기 완료' }).getByRole('status').getByText('가져왔습니다: 증언 1건.').waitFor({ timeout: 30_000 });

    // What arrived is the release: the name the reviewer removed is nowhere in it.
    await nav(b, '증언 목록').click();
    // The title was redacted too (the town named in it): found by what stays.
    await b.getByRole('button', { name: /구류장 증언/ }).click();
    await harness.screenshot(b, 'journey-imported-release-ko');
    const narrative = await b.getByRole('textbox', { name: '진술', exact: true }).inputValue();
    expect(narrative).toContain('구류장');
    expect(narrative).not.toContain(NAME);
    expect(await b.content()).not.toContain(NAME);
  });

  it('locks and unlocks, and the imported testimony is still there', async () => {
    await lockAndUnlockInUi(b, PARK);
    await b.getByRole('button', { name: /구류장 증언/ }).waitFor();
    harness.assertClean();
  });
});
