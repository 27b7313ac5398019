/**
 * Steps a person takes in the app, shared by the end-to-end tests: creating a vault (with the
 * recovery key written down and checked), unlocking, the main menu, and trusting another
 * workstation's keys after comparing the fingerprint aloud. Each works through roles and
 * accessible names only, in Korean (the app's first language).
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestDialogs } from './harness';

/** A 2×2 PNG, for an attachment. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

export function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: /주 메뉴|Main menu/ }).getByRole('button', { name, exact: true });
}

/** Back to the top of the screen, for a screenshot of what one sees on arriving. */
export async function scrollToTop(page: Page): Promise<void> {
  await page.locator('#main').evaluate((main) => main.scrollTo(0, 0));
}

/**
 * What the stand-ins for the main process's native dialogs answer next, as a person would pick in
 * them: real paths in the test's temp folder. `hold` keeps the folder dialog open until it settles.
 */
export function scriptedDialogs(): { dialogs: TestDialogs; answers: { folder?: string; files?: string[]; save?: string; hold?: Promise<void> } } {
  const answers: { folder?: string; files?: string[]; save?: string; hold?: Promise<void> } = {};
  const dialogs: TestDialogs = {
    chooseFolder: async () => {
      await answers.hold;
      return answers.folder;
    },
    chooseFiles: async () => answers.files ?? [],
    chooseSaveLocation: async () => answers.save,
  };
  return { dialogs, answers };
}

/** Creates a vault on the create screen: the user, roles (their Korean names), passphrase, and the recovery key checked. */
export async function createVaultInUi(page: Page, user: { name: string; roles: string[]; passphrase: string }): Promise<void> {
  await page.getByRole('heading', { name: '새 보관함 만들기' }).waitFor();
  await page.getByLabel('사용자 이름').fill(user.name);
  for (const role of ['면담자', '검토자', '기록관리자']) {
    await page.getByRole('checkbox', { name: role }).setChecked(user.roles.includes(role));
  }
  await page.getByLabel('암호문', { exact: true }).fill(user.passphrase);
  await page.getByLabel('암호문 다시 입력').fill(user.passphrase);
  await page.getByRole('button', { name: '보관함 만들기' }).click();
  await page.getByRole('heading', { name: '복구 키를 종이에 적으세요' }).waitFor({ timeout: 30_000 });
  const groups = await page.locator('.recovery-group').allTextContents();
  await page.getByRole('checkbox', { name: '복구 키를 종이에 모두 적었습니다' }).check();
  await page.getByRole('button', { name: '다음: 적은 키 확인' }).click();
  for (const label of await page.locator('label', { hasText: '번째 묶음' }).allTextContents()) {
    const number = Number(/(\d+)/.exec(label)![1]);
    await page.getByLabel(`${number}번째 묶음`, { exact: true }).fill(groups[number - 1]!);
  }
  await page.getByRole('button', { name: '확인하고 시작' }).click();
  await page.getByRole('heading', { name: '증언 목록' }).waitFor();
}

/** Locks with the button and opens again with a passphrase (another user's, to change who is working). */
export async function lockAndUnlockInUi(page: Page, passphrase: string): Promise<void> {
  await page.getByRole('button', { name: '잠그기' }).click();
  await page.getByRole('heading', { name: '보관함 열기' }).waitFor();
  await page.getByLabel('암호문 또는 복구 키').fill(passphrase);
  await page.getByRole('button', { name: '열기' }).click();
  await page.getByRole('heading', { name: '증언 목록' }).waitFor({ timeout: 30_000 });
}

/**
 * Reads one page's own public keys off its keys screen and fills them into the other page's trust
 * form, checking that the fingerprint shown there for the pasted keys is the one the first page
 * shows (what the two people read aloud), and confirms the comparison. Returns that fingerprint;
 * the caller presses "trust" (or looks first).
 */
export async function prepareTrustInUi(from: Page, to: Page, name: string, purpose = 'internal-archive'): Promise<string> {
  await nav(from, '키 관리').click();
  const own = from.getByRole('region', { name: '이 작업대' });
  const age = (await own.getByLabel('age 공개 키 (수신자)').textContent())!;
  const minisign = (await own.getByLabel('minisign 공개 키 (서명)').textContent())!;
  const fingerprint = (await own.getByRole('list', { name: /이 작업대의 지문/ }).getAttribute('data-fingerprint'))!;
  expect(fingerprint).toMatch(/^\d{5}( \d{5}){11}$/);
  expect(age).toMatch(/^age1/);

  await nav(to, '키 관리').click();
  const form = to.getByRole('form', { name: '작업대 신뢰하기' });
  await form.getByLabel('작업대 이름').fill(name);
  await form.getByLabel('용도').selectOption(purpose);
  await form.getByLabel('age 공개 키 (수신자)').fill(age);
  await form.getByLabel('minisign 공개 키 (서명)').fill(minisign);
  await form.getByRole('button', { name: '맞춰 볼 지문 보기' }).click();
  const shown = form.getByRole('list', { name: /이 키들의 지문/ });
  expect(await shown.getAttribute('data-fingerprint')).toBe(fingerprint);
  expect(await shown.locator('.fingerprint-digits').allTextContents()).toEqual(fingerprint.split(' '));
  // Trusting stays impossible until the comparison is confirmed.
  expect(await form.getByRole('button', { name: '이 작업대 신뢰하기' }).isDisabled()).toBe(true);
  await form.getByRole('checkbox', { name: /지문을 소리 내어 맞춰 보았고/ }).check();
  return fingerprint;
}

/** prepareTrustInUi, then trust, and wait for the workstation's row. */
export async function trustInUi(from: Page, to: Page, name: string, purpose?: string): Promise<string> {
  const fingerprint = await prepareTrustInUi(from, to, name, purpose);
  await to.getByRole('button', { name: '이 작업대 신뢰하기' }).click();
  await to.getByRole('row', { name: new RegExp(name) }).waitFor();
  return fingerprint;
}
