/**
 * The redaction review in real Chromium, against the built renderer and the real services: a
 * testimony with identifying details is reviewed — brought to a version saved meanwhile,
 * suggestions accepted and rejected, one applied to every occurrence, a nickname given the same
 * pseudonym as the name, spans marked by hand with the keyboard and with the mouse, an operator
 * changed per type, a recording included with its warning, a region of a photo blacked out — the
 * preview shows the pseudonyms and generalisations, the residual check blocks approval while a
 * known name is kept, one reviewer prepares, the same reviewer's approval is refused in words, and
 * a second reviewer of the same vault, after lock and unlock, approves. Screenshots of the review
 * screen in Korean and English.
 *
 * The vault, the second reviewer and the testimony are made through the handlers the page uses,
 * before the page loads, so the page opens unlocked as the first reviewer (two Argon2 runs; the
 * unlock as the second reviewer is the third).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { dispatchIpcRequest, type IpcHandler } from '../../electron/main/ipc';
import type { IpcChannel } from '@shared/ipc/contract';
import { chromiumAvailable, launchHarness, reachableHeapText, unnamedOrUnreachableControls, type AppPage, type Harness } from './harness';
import { TINY_PNG } from './steps';

const FIRST = { name: 'minji', passphrase: '두만강 건너 봄바람 분다 2024' };
const SECOND = { name: 'jun', passphrase: '압록강 물소리 들리는 밤 2025' };

/** Test data only, no real person. */
const TESTIMONY = {
  title: '온성 강제송환 증언',
  interviewee: {
    code: 'NK-2024-077',
    identity: { realName: '박순희', otherNames: ['Park Sun-hee'], phone: '010-2345-6789' },
    birthYear: 1974,
    sex: 'female',
    homeProvince: { gazetteerId: 'nk-hamgyongbuk-do' },
    homeCounty: { gazetteerId: 'nk-hoeryong-si' },
    yearLeftNorthKorea: 2011,
    occupation: '교원',
  },
  consent: { scopes: ['internal-archive', 'redacted-publication'], obtained: 'oral-recorded', date: '2024-03-15', obtainedBy: '이정민' },
  people: [
    { id: 'self', relation: 'self' },
    { id: 'p1', relation: 'broker', name: '김영철', otherNames: ['Kim Young-chul'] },
  ],
  events: [{ id: 'e1', violations: ['forced-repatriation-china'], date: '2011-03-05', place: { gazetteerId: 'nk-onsong-gun' }, victimIds: ['self'] }],
  narrative: {
    language: 'ko',
    text: '저는 박순희입니다. 2011년 3월 5일 브로커 김영철이 저를 데리고 강을 건넜습니다. 김영철은 스물세 살이었습니다. 마을 사람들은 그를 털보라고 불렀습니다. 동네에서는 그 집을 빨간 지붕 집이라고 했습니다. 우리는 느릅나무골에서 살았습니다.',
  },
  translation: {
    language: 'en',
    text: 'I am Park Sun-hee. On 5 March 2011 the broker Kim Young-chul took me across the river. Kim Young-chul was twenty-three.',
  },
};
/** Missed by the detector: the reviewer marks them by hand, with the keyboard and with the mouse. */
const VILLAGE = '느릅나무골';
const HOUSE = '빨간 지붕 집';

const available = chromiumAvailable();
let harness: Harness;
let app: AppPage;
let page: Page;
let testimonyId: string;

describe.skipIf(!available)('the redaction review in Chromium', () => {
  beforeAll(async () => {
    harness = await launchHarness();
    app = await harness.openApp({
      beforeLoad: async (handlers) => {
        const call = (channel: IpcChannel, request?: unknown) => callHandler(handlers, channel, request);
        await call('vault:create', { userName: FIRST.name, roles: ['interviewer', 'reviewer'], passphrase: FIRST.passphrase });
        await call('user:add', { name: SECOND.name, roles: ['reviewer'], passphrase: SECOND.passphrase });
        const { id } = (await call('testimony:create', { input: TESTIMONY })) as { id: string };
        testimonyId = id;
        await call('testimony:set-status', { id, status: 'in-review' });
        for (const [fileName, mediaType, bytes] of [
          ['interview.webm', 'audio/webm', new Uint8Array([26, 69, 223, 163, 1, 2, 3, 4])],
          ['photo.png', 'image/png', new Uint8Array(TINY_PNG)],
        ] as const) {
          const { uploadId } = (await call('attachment:upload-begin', { testimonyId: id, fileName, mediaType })) as { uploadId: string };
          await call('attachment:upload-chunk', { uploadId, bytes });
          await call('attachment:upload-finish', { uploadId });
        }
      },
    });
    page = app.page;
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  const item = (name: string) => page.getByRole('group', { name, exact: true }).first();
  const releaseOf = (field: string) => page.getByRole('region', { name: field, exact: true }).locator('.review-pair > div').nth(1);
  const counts = () => page.locator('.review-counts').textContent();
  /** Pending suggestions as the service counts them: the page must show the same number (the detector's exact count changes as it improves). */
  const pendingInService = async () => ((await callHandler(app.handlers, 'review:show', { testimonyId })) as { counts: { pending: number } }).counts.pending;

  it('opens a testimony in review from the review list and starts its review', async () => {
    await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('button', { name: '비식별화 검토' }).click();
    await page.getByRole('heading', { name: '비식별화 검토' }).waitFor();
    await page.getByRole('button', { name: `${TESTIMONY.title} 검토` }).click();
    await page.getByRole('heading', { name: `검토: ${TESTIMONY.title}` }).waitFor();
    await page.getByRole('button', { name: '검토 시작' }).click();
    await item('인물 «김영철» · 진술').waitFor();
    const pending = await pendingInService();
    // At least the interviewee, the broker (twice, two scripts), the nickname, the date, the age, the village, the codes…
    expect(pending).toBeGreaterThanOrEqual(20);
    expect(await counts()).toMatch(new RegExp(`판단할 것 ${pending} · 가림 0 · 그대로 둠 0`));
    // Colour is not the only sign: each mark in the original says its type and state in words.
    const narrative = page.getByRole('region', { name: '진술', exact: true }).locator('.review-pair > div').first();
    expect(await narrative.locator('mark', { hasText: '김영철' }).first().textContent()).toBe('인물 · 판단할 것김영철');
    // The preview errs on the safe side: a pending name is already replaced.
    expect(await releaseOf('진술').textContent()).toContain('인물 A');
  });

  it('says when the testimony changed after the review, and brings the review to the new version', async () => {
    // The interviewer corrects the translation meanwhile (as from another window).
    const input = { ...TESTIMONY, translation: { ...TESTIMONY.translation, text: `${TESTIMONY.translation.text} It was spring.` } };
    await callHandler(app.handlers, 'testimony:update', { id: testimonyId, input, expectedVersion: 1 });
    await page.getByRole('button', { name: '검토 목록으로' }).click();
    await page.getByRole('row', { name: new RegExp(`${TESTIMONY.title}.*준비 안 됨`) }).waitFor();
    await page.getByRole('button', { name: `${TESTIMONY.title} 검토` }).click();
    await page.getByRole('alert').getByText('이 검토 뒤에 증언이 바뀌었습니다 (검토한 버전 1, 지금 버전 2)').waitFor();
    expect(await item('인물 «김영철» · 진술').getByRole('button', { name: '받아들이기' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '새 버전으로 다시 검토' }).click();
    await expect.poll(counts).toMatch(/^버전 2 · /);
    const pending = await pendingInService();
    expect(pending).toBeGreaterThanOrEqual(20);
    expect(await counts()).toMatch(new RegExp(`^버전 2 · 판단할 것 ${pending} `));
    expect(await page.getByRole('alert').filter({ hasText: '이 검토 뒤에' }).count()).toBe(0);
  });

  it('accepts one name for every occurrence, rejects and accepts suggestions, marks a span by hand, and changes an operator per type', async () => {
    const kim = item('인물 «김영철» · 진술');
    await kim.getByRole('checkbox', { name: '모든 곳에 적용' }).check();
    await kim.getByRole('button', { name: '받아들이기' }).click();
    await page.getByText(/^\d+개를 판단했고/).waitFor();
    // Every occurrence, in the narrative and in its translation's spelling, is decided with it.
    for (const name of ['인물 «김영철» · 진술', '인물 «Kim Young-chul» · 번역']) {
      const all = page.getByRole('group', { name, exact: true });
      expect(await all.count()).toBe(2);
      for (const each of await all.all()) expect(await each.locator('.item-status').textContent()).toBe(`가림 · ${FIRST.name}`);
    }

    // A nickname of the broker: the same pseudonym as his name.
    await item('인물 «털보» · 진술').getByLabel('같은 대상').selectOption({ label: '«김영철»와(과) 같은 대상' });
    await expectStatus(item('인물 «털보» · 진술'), '가림');
    await item('나이 «스물세 살» · 진술').getByRole('button', { name: '거절 (그대로 둠)' }).click();
    await expectStatus(item('나이 «스물세 살» · 진술'), '그대로 둠');
    // By keyboard: the focus stays on the button pressed, through the request and the refresh.
    const acceptDate = item('날짜 «2011년 3월 5일» · 진술').getByRole('button', { name: '받아들이기' });
    await acceptDate.focus();
    await page.keyboard.press('Enter');
    await expectStatus(item('날짜 «2011년 3월 5일» · 진술'), '가림');
    expect(await acceptDate.evaluate((button) => button === document.activeElement)).toBe(true);

    // By hand, with the keyboard: the caret from the end to just after the village's name, then Shift+← over it.
    const box = page.getByRole('textbox', { name: '표시할 낱말을 선택하세요' });
    await box.focus();
    await page.keyboard.press('Control+End');
    const after = TESTIMONY.narrative.text.length - TESTIMONY.narrative.text.indexOf(VILLAGE) - VILLAGE.length;
    for (let i = 0; i < after; i++) await page.keyboard.press('ArrowLeft');
    for (let i = 0; i < VILLAGE.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.getByText(`선택함: «${VILLAGE}»`).waitFor();
    await page.getByLabel('유형', { exact: true }).selectOption({ label: '장소' });
    await page.getByRole('button', { name: '선택한 부분 표시' }).click();
    await expectStatus(item(`장소 «${VILLAGE}» · 진술`), '가림');
    expect(await item(`장소 «${VILLAGE}» · 진술`).textContent()).toContain('직접 표시함');

    // With the mouse, in the highlighted original: drag over the words.
    const original = page.getByRole('region', { name: '진술', exact: true }).locator('.review-pair > div').first().locator('p');
    await original.scrollIntoViewIfNeeded();
    const box2 = await original.evaluate((element, words) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(words);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + words.length);
        const rects = range.getClientRects();
        const first = rects[0]!;
        const last = rects[rects.length - 1]!;
        return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
      }
      return undefined;
    }, HOUSE);
    await page.mouse.move(box2!.x1, box2!.y1);
    await page.mouse.down();
    await page.mouse.move(box2!.x2, box2!.y2, { steps: 5 });
    await page.mouse.up();
    const marking = page.getByRole('group', { name: '선택한 낱말 표시' });
    await marking.getByText(`선택함: «${HOUSE}»`).waitFor();
    await marking.getByLabel('유형').selectOption({ label: '장소' });
    await marking.getByRole('button', { name: '선택한 부분 표시' }).click();
    await expectStatus(item(`장소 «${HOUSE}» · 진술`), '가림');

    // Dates to the decade for the whole testimony.
    await page.getByLabel('날짜 일반화 수준').selectOption({ label: '10년 단위' });
    await page.getByText('날짜: 일반화.').waitFor();
    await expect.poll(() => releaseOf('진술').textContent()).toContain('2010년대');
    const released = (await releaseOf('진술').textContent())!;
    expect(released).toContain('브로커 바뀜인물 B가');
    expect(released).toContain('그대로스물세 살');
    expect(released).toContain('그를 바뀜인물 B라고');
    // A place the gazetteer does not know cannot be generalised: its placeholder, never the name.
    expect(released).not.toContain(VILLAGE);
    expect(released).not.toContain(HOUSE);
    expect(released).toContain('[장소]');
    expect(await releaseOf('번역').textContent()).toContain('the broker 바뀜Person B took me');
  });

  it('includes a recording only with the warning that voices identify, and blacks out a region of a photo', async () => {
    const recording = page.getByRole('group', { name: 'interview.webm', exact: true });
    expect(await recording.textContent()).toContain('공개본에서 빠집니다');
    await recording.getByRole('checkbox', { name: 'interview.webm을(를) 공개본에 포함' }).click();
    await recording.locator('p.warning', { hasText: '목소리로 사람을 알아볼 수 있습니다' }).waitFor();
    expect(await recording.textContent()).toContain('녹음·녹화된 그대로');

    const photo = page.getByRole('group', { name: 'photo.png', exact: true });
    await photo.getByText('2 × 2 픽셀').waitFor();
    const form = photo.getByRole('group', { name: '영역 검게 칠하기' });
    await form.getByLabel('너비').fill('1');
    await form.getByLabel('높이').fill('2');
    await form.getByRole('button', { name: '영역 검게 칠하기' }).click();
    await photo.getByText('영역 1: (0, 0)에서 1 × 2').waitFor();
    await photo.getByRole('button', { name: 'photo.png과(와) 영역 보기' }).click();
    await photo.getByRole('img', { name: 'photo.png' }).waitFor();
    expect(await photo.locator('rect.region-rect').count()).toBe(1);
    // Or drawn with the pointer: a drag over the right half fills in the fields.
    const shown = (await photo.locator('.region-canvas').boundingBox())!;
    await page.mouse.move(shown.x + shown.width * 0.6, shown.y + 2);
    await page.mouse.down();
    await page.mouse.move(shown.x + shown.width - 2, shown.y + shown.height * 0.4, { steps: 4 });
    await page.mouse.up();
    expect([await form.getByLabel('왼쪽 (x)').inputValue(), await form.getByLabel('위 (y)').inputValue(), await form.getByLabel('너비').inputValue(), await form.getByLabel('높이').inputValue()]).toEqual(['1', '0', '1', '1']);
    await form.getByRole('button', { name: '영역 검게 칠하기' }).click();
    await photo.getByText('영역 2: (1, 0)에서 1 × 1').waitFor();
    expect(await photo.locator('rect.region-rect').count()).toBe(2);
  });

  it('blocks approval while a known name is kept, then prepares; the same reviewer\'s approval is refused', async () => {
    await item('인물 «박순희» · 진술').getByRole('button', { name: '거절 (그대로 둠)' }).click();
    await expectStatus(item('인물 «박순희» · 진술'), '그대로 둠');
    await page.getByRole('button', { name: /^남은 \d+개를 제안대로 받아들이기$/ }).click();
    await expect.poll(counts).toMatch(/판단할 것 0 /);
    const residual = page.getByRole('alert').filter({ hasText: '공개본에 식별 정보가' });
    await residual.getByText('«박순희»').waitFor();
    expect(await residual.textContent()).toContain('식별 항목에 적힌 이름이나 낱말');
    expect(await releaseOf('진술').locator('mark.rel-residual').textContent()).toBe('남음: 인물박순희');

    await page.getByRole('button', { name: '공개본 준비' }).click();
    await page.getByText('준비됨, 승인 대기').waitFor();
    const check = page.locator('#approval-check');
    await check.getByText('승인할 수 없습니다:').waitFor();
    expect(await check.textContent()).toContain('공개본에 식별 정보가 1개 남아 있습니다');
    const approve = page.getByRole('button', { name: '공개본 승인' });
    expect(await approve.isDisabled()).toBe(true);
    await page.getByRole('heading', { name: '승인 전 검사' }).scrollIntoViewIfNeeded();
    await harness.screenshot(page, 'review-blocked-ko');

    // Redact the name after all: the residual check is clear, the release is prepared again.
    await item('인물 «박순희» · 진술').getByRole('button', { name: '받아들이기' }).click();
    await page.getByText('공개본에 남은 식별 정보가 없습니다.').waitFor();
    await check.getByText('공개본을 준비한 뒤 판단이 바뀌었습니다: 다시 준비하세요').waitFor();
    await page.getByRole('button', { name: '공개본 다시 준비' }).click();
    await check.getByText('승인 검사에서 막는 것이 없습니다.').waitFor();
    await page.getByText('내가 준비한 공개본입니다: 다른 검토자가 승인해야 합니다.').waitFor();
    expect(await releaseOf('진술').textContent()).toMatch(/저는 바뀜인물 [A-Z]입니다/);

    await approve.click();
    await page.getByRole('alert').getByText('이 공개본을 준비한 사람이므로 승인할 수 없습니다: 다른 검토자가 승인해야 합니다 (두 사람 확인).').waitFor();
    expect(await page.getByText('준비됨, 승인 대기').count()).toBe(1);
  });

  it('names every control of the review screen and lets the keyboard reach it; screenshots in Korean and English', async () => {
    const problems = await unnamedOrUnreachableControls(page);
    expect(problems).toEqual([]);
    await page.getByRole('heading', { name: `검토: ${TESTIMONY.title}` }).scrollIntoViewIfNeeded();
    await harness.screenshot(page, 'review-ko');
    await page.getByRole('heading', { name: '승인 전 검사' }).scrollIntoViewIfNeeded();
    await harness.screenshot(page, 'review-checks-ko');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: `Review: ${TESTIMONY.title}` }).waitFor();
    await item('Person «Kim Young-chul» · Translation').waitFor();
    await page.getByText('You prepared this release: another reviewer must approve it.').waitFor();
    await page.getByRole('heading', { name: `Review: ${TESTIMONY.title}` }).scrollIntoViewIfNeeded();
    await harness.screenshot(page, 'review-en');
    await page.getByRole('heading', { name: 'Checks before approval' }).scrollIntoViewIfNeeded();
    await harness.screenshot(page, 'review-checks-en');
    await page.getByRole('button', { name: '한국어' }).click();
    await page.getByRole('heading', { name: `검토: ${TESTIMONY.title}` }).waitFor();
  });

  it('a second reviewer of the same vault, after lock and unlock, opens it from the testimony and approves', async () => {
    await page.getByRole('button', { name: '잠그기' }).click();
    await page.getByRole('heading', { name: '보관함 열기' }).waitFor();
    // Locking took the review and its texts off the page.
    const html = await page.content();
    for (const secret of ['박순희', '김영철', VILLAGE, HOUSE, 'photo.png']) expect(html).not.toContain(secret);
    expect(await page.locator('img[src^="blob:"]').count()).toBe(0);
    // Nor can the page's JavaScript still reach them (the review's state, its preview, a selection).
    const heap = await reachableHeapText(page);
    for (const secret of [VILLAGE, HOUSE]) {
      // The snapshot writes non-ASCII characters as \uXXXX, upper-case hex.
      const escaped = [...secret].map((character) => `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join('');
      expect(heap.includes(secret) || heap.includes(escaped), `${secret} is still reachable from JavaScript`).toBe(false);
    }
    await page.getByLabel('암호문 또는 복구 키').fill(SECOND.passphrase);
    await page.getByRole('button', { name: '열기' }).click();
    await page.locator('.who', { hasText: `${SECOND.name} (` }).waitFor({ timeout: 30_000 });
    // The review list says what waits for this reviewer; this time the review is opened from the testimony itself.
    await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('button', { name: '비식별화 검토' }).click();
    await page.getByRole('row', { name: new RegExp(`${TESTIMONY.title}.*${FIRST.name} 준비함: 승인 대기`) }).waitFor();
    await harness.screenshot(page, 'review-list-ko');
    await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('button', { name: '증언 목록' }).click();
    await page.getByRole('button', { name: new RegExp(TESTIMONY.title) }).click();
    await page.getByRole('main').getByRole('button', { name: '비식별화 검토' }).click();
    await page.locator('#approval-check').getByText('승인 검사에서 막는 것이 없습니다.').waitFor();
    expect(await page.getByText('내가 준비한 공개본입니다').count()).toBe(0);
    await page.getByRole('button', { name: '공개본 승인' }).click();
    await page.getByText('승인됨', { exact: true }).waitFor();
    const summary = await page.locator('.release-summary').textContent();
    expect(summary).toContain(`승인한 사람${SECOND.name}, `);
    expect(summary).toContain(`준비한 사람${FIRST.name}, `);
    expect(await page.getByRole('button', { name: '공개본 승인' }).isDisabled()).toBe(true);
    await harness.screenshot(page, 'review-approved-ko');
  });

  it('made no request off the app origin, no CSP violation and no page error', () => {
    harness.assertClean();
  });
});

async function callHandler(handlers: AppPage['handlers'], channel: IpcChannel, request?: unknown): Promise<Record<string, unknown>> {
  const result = await dispatchIpcRequest(channel, request === undefined ? [] : [request], handlers[channel] as IpcHandler<IpcChannel>, { webContentsId: 1 });
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as Record<string, unknown>;
}

async function expectStatus(row: Locator, status: string): Promise<void> {
  await expect.poll(async () => (await row.locator('.item-status').textContent())?.split(' · ')[0]).toBe(status);
}
