/**
 * A testimony whose fields hold script and HTML renders them as text, everywhere the UI shows them
 * (list, form, history view, attachments), under the app's CSP: nothing runs, nothing is fetched,
 * no element is injected. The vault and testimony are made through the same handlers the page uses,
 * before the page loads, so the page opens on an unlocked vault.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dispatchIpcRequest, type IpcHandler } from '../../electron/main/ipc';
import type { IpcChannel } from '@shared/ipc/contract';
import { chromiumAvailable, launchHarness, type Harness } from './harness';

const PAYLOADS = {
  title: '<img src=x onerror="window.__xss=1">회령 증언',
  narrative: '<script>window.__xss=2</script> <a href="javascript:window.__xss=3">눌러 보세요</a> javascript:window.__xss=3',
  person: '<svg onload="window.__xss=4"></svg>김',
  place: '"><iframe src="javascript:window.__xss=5"></iframe>',
  description: "{{constructor.constructor('window.__xss=6')()}} <style>body{display:none}</style>",
  occupation: '</textarea><img src=x onerror="window.__xss=7">',
  fileName: '<img src=x onerror="window.__xss=8">.png',
};

const available = chromiumAvailable();
let harness: Harness;
let page: Page;

describe.skipIf(!available)('hostile text in testimony fields', () => {
  beforeAll(async () => {
    harness = await launchHarness();
    const app = await harness.openApp({
      beforeLoad: async (handlers) => {
        const call = async (channel: IpcChannel, request?: unknown) => {
          const result = await dispatchIpcRequest(channel, request === undefined ? [] : [request], handlers[channel] as IpcHandler<IpcChannel>, { webContentsId: 1 });
          if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
          return result.value as Record<string, unknown>;
        };
        await call('vault:create', { userName: 'tester', roles: ['interviewer', 'reviewer'], passphrase: 'xss test passphrase' });
        const { id } = (await call('testimony:create', {
          input: {
            title: PAYLOADS.title,
            narrative: PAYLOADS.narrative,
            interviewee: { occupation: PAYLOADS.occupation },
            people: [{ id: 'p1', relation: 'guard', name: PAYLOADS.person }],
            events: [{ id: 'e1', violations: ['beating'], place: { text: PAYLOADS.place }, description: PAYLOADS.description, witnessIds: ['p1'] }],
            tags: [PAYLOADS.description.slice(0, 90)],
          },
        })) as { id: string };
        const { uploadId } = (await call('attachment:upload-begin', { testimonyId: id, fileName: PAYLOADS.fileName, mediaType: 'image/png' })) as { uploadId: string };
        await call('attachment:upload-chunk', { uploadId, bytes: new Uint8Array([137, 80, 78, 71]) });
        await call('attachment:upload-finish', { uploadId });
      },
    });
    page = app.page;
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  async function expectInert(): Promise<void> {
    const state = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: unknown }).__xss,
      injected: document.querySelectorAll('img[src="x"], iframe, svg[onload], style, a[href^="javascript:"], [onerror], [onload]').length,
      scripts: [...document.scripts].map((script) => script.src || '(inline)'),
      hidden: getComputedStyle(document.body).display,
    }));
    expect(state.xss).toBeUndefined();
    expect(state.injected).toBe(0);
    expect(state.scripts.every((src) => src.startsWith(harness.origin))).toBe(true);
    expect(state.hidden).not.toBe('none');
  }

  it('shows markup as text in the list', async () => {
    await page.getByRole('button', { name: PAYLOADS.title }).waitFor();
    await expectInert();
  });

  it('shows markup as text in the form, with every value intact', async () => {
    await page.getByRole('button', { name: PAYLOADS.title }).click();
    await page.getByRole('heading', { name: PAYLOADS.title }).waitFor();
    expect(await page.getByRole('textbox', { name: '진술', exact: true }).inputValue()).toBe(PAYLOADS.narrative);
    expect(await page.getByLabel('직업 (북한에서)').inputValue()).toBe(PAYLOADS.occupation);
    expect(await page.getByRole('group', { name: '사건 1' }).getByLabel('설명').inputValue()).toBe(PAYLOADS.description);
    await expectInert();
    await harness.screenshot(page, 'xss-form-ko');
  });

  it('shows markup as text in the history view and the attachments table', async () => {
    await page.getByRole('tab', { name: '변경 이력' }).click();
    await page.getByRole('button', { name: '버전 1 보기' }).click();
    await page.locator('.record-view').getByText(PAYLOADS.narrative, { exact: true }).waitFor();
    await page.locator('.record-view').getByText(PAYLOADS.person, { exact: false }).first().waitFor();
    await expectInert();
    await harness.screenshot(page, 'xss-history-ko');
    await page.getByRole('tab', { name: '첨부 파일' }).click();
    await page.getByRole('cell', { name: PAYLOADS.fileName, exact: true }).waitFor();
    await expectInert();
  });

  it('ran nothing, fetched nothing and broke no CSP rule', () => {
    expect(harness.requests.filter((url) => new URL(url).pathname === '/x')).toEqual([]);
    harness.assertClean();
  });
});
