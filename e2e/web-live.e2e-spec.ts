import { randomUUID } from 'node:crypto';
import { type Page } from 'playwright-core';
import { expectEventually } from '@hub/testing';
import { call, callAs, HUB, type Json } from './e2e-kit';
import { toast, WebKit } from './web-kit';

/**
 * Live updates, saved views and session renewal in the browser: a new case of the unit appears in
 * the queue without a reload and its next step shows within a second or two; the list falls back
 * to polling while the stream is down; filters saved as a view follow the user to another browser;
 * an active user's session is renewed before it expires, an idle tab goes to the login page.
 */
const run = `wl${randomUUID().slice(0, 6)}`;
const web = new WebKit();

beforeAll(() => web.launch(), 60000);
afterAll(() => web.close());
afterEach(() => {
  // An uncaught exception in the page is a failure whatever the page showed.
  expect(web.pageErrors.splice(0)).toEqual([]);
});

/** A board post citing the district's policy (triage routes it to gov-office); not 政府开放月. */
async function post(suffix: string): Promise<{ caseId: string; title: string }> {
  const title = `信息公开年报 ${run} ${suffix}`;
  const res = await call('POST', '/api/v1/board/posts', {
    postId: `${run}-${suffix}`,
    policyDocNo: '静府办发〔2026〕4号',
    title,
    content: '静府办发〔2026〕4号提到的政府信息公开工作年度报告什么时候发布？',
  });
  expect(res.status).toBe(202);
  return { caseId: res.json.caseId as string, title };
}

const liveState = (page: Page, state: string) =>
  page.locator(`[data-testid=live-state][data-state=${state}]`).first();

async function storedSession(page: Page): Promise<Json> {
  return page.evaluate("JSON.parse(sessionStorage.getItem('hub.session') ?? 'null')");
}

/** Makes the tab believe its token ends `ms` from now (the server's token stays valid). */
async function tokenEndsIn(page: Page, ms: number): Promise<void> {
  await page.evaluate(
    `sessionStorage.setItem('hub.session', JSON.stringify({ ...JSON.parse(sessionStorage.getItem('hub.session')),
       expiresAt: new Date(Date.now() + ${ms}).toISOString() }))`,
  );
}

describe('web app: live updates, saved views, session renewal', () => {
  it('shows a new case of the unit in the queue without a reload, and its next step at once', async () => {
    const page = await web.login('gov-office.staff');
    await page.waitForURL((u) => u.pathname === '/queue');
    await liveState(page, 'live').waitFor();
    await page.evaluate('window.notReloaded = true');

    const { caseId, title } = await post('new');
    const row = page.locator(`tr[data-case-id="${caseId}"]`);
    await row.filter({ hasText: title }).waitFor({ timeout: 30000 });

    const before = Date.now();
    const accepted = await callAs('gov-office.staff', 'POST', `/api/v1/cases/${caseId}/accept`);
    expect(accepted.status).toBe(200);
    // Pushed, not polled: the fallback poll is every 30 s, the row must change well before.
    await row.locator('[data-status=accepted]').waitFor({ timeout: 5000 });
    const ms = Date.now() - before;
    console.log(`web live: accept → queue row in ${ms} ms`);
    expect(await page.evaluate('window.notReloaded')).toBe(true);
  });

  it('polls while the stream is down and goes live again when it is back', async () => {
    const page = await web.login('dispatcher');
    await page.route('**/api/v1/events*', (route) => route.abort());
    await page.goto(`${HUB}/dispatch`);
    await liveState(page, 'down').waitFor();
    await page.getByText('每 30 秒刷新').first().waitFor();
    await page.unroute('**/api/v1/events*');
    await liveState(page, 'live').waitFor({ timeout: 20000 });
  });

  it('saves the queue filters as a view, picks it in another browser and deletes it', async () => {
    const name = `全部热线 ${run}`;
    const page = await web.login('housing.staff');
    await page.goto(`${HUB}/queue?status=all&channel=hotline`);
    await page.getByTestId('save-view').click();
    await page.getByTestId('view-name').fill(name);
    await page.locator('.ant-modal').getByRole('button', { name: '保存视图' }).click();
    await toast(page, '已保存视图');
    await page.getByTestId('saved-views').filter({ hasText: name }).waitFor(); // the applied view

    // Another machine: a fresh browser profile, the same user, no filters yet.
    const other = await web.login('housing.staff');
    await other.waitForURL((u) => u.pathname === '/queue');
    await other.getByTestId('saved-views').locator('.ant-select-selector').click();
    await other.locator('.ant-select-item-option').filter({ hasText: name }).click();
    await other.waitForURL(
      (u) => u.searchParams.get('status') === 'all' && u.searchParams.get('channel') === 'hotline',
    );
    await other.getByTestId('delete-view').click();
    await other
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await toast(other, '已删除视图');
    const left = (await callAs('housing.staff', 'GET', '/api/v1/me/views')).json.items as Json[];
    expect(left.map((v) => v.name)).not.toContain(name);
  });

  it('renews an active user’s session before it expires; an idle tab goes to the login page', async () => {
    const page = await web.login('gov-office.lead');
    await page.waitForURL((u) => u.pathname === '/queue');
    const first = await storedSession(page);
    await new Promise((r) => setTimeout(r, 1100)); // a token issued later differs

    // The token ends in a minute; nobody touched the page yet: nothing is renewed.
    await tokenEndsIn(page, 60_000);
    await page.reload();
    await page.getByTestId('whoami').waitFor();
    await page.waitForTimeout(1000);
    expect((await storedSession(page)).token).toBe(first.token);
    // The user clicks: renewed at once, for another 30 minutes, without leaving the page.
    await page.getByTestId('whoami').click();
    const renewed = await expectEventually(
      async () => {
        const s = await storedSession(page);
        return s && s.token !== first.token ? s : undefined;
      },
      { timeoutMs: 10000, what: 'a renewed token' },
    );
    expect(Date.parse(renewed.expiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(new URL(page.url()).pathname).toBe('/queue');
    const me = await call('GET', '/api/v1/auth/me', undefined, { authorization: `Bearer ${renewed.token}` });
    expect(me.json.username).toBe('gov-office.lead');

    // An idle tab whose token ends: the login page, saying why.
    await tokenEndsIn(page, 3000);
    await page.reload();
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('expired') === '1', {
      timeout: 15000,
    });
    await page.getByText('登录已过期').waitFor();
  });
});
