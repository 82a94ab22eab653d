import { randomUUID } from 'node:crypto';
import { expectEventually } from '@hub/testing';
import { call, callAs, HUB, type Json } from './e2e-kit';
import { shot, toast, WebKit } from './web-kit';

/**
 * The web app in a real browser (Debian's Chromium, driven by playwright-core) against the e2e hub:
 * a citizen posts on the public board, the dispatcher routes the question the classifier could not,
 * the unit's staff accept and reply on the case page, the lead approves on the review page, the
 * supervisor reads the SLA board, and the citizen reads the published answer. Screenshots of the
 * main pages (1440×900) go to .cache/screenshots, or to E2E_SCREENSHOT_DIR — `docs/screenshots`
 * refreshes the README's.
 */
const run = `web${randomUUID().slice(0, 6)}`;
const PHONE = '13912345678';

const web = new WebKit();
const newPage = () => web.newPage();
const login = (username: string) => web.login(username);

beforeAll(() => web.launch(), 60000);

afterAll(async () => {
  console.log(`web page loads (ms): ${JSON.stringify(timings)}`);
  await web.close();
});

afterEach(() => {
  // An uncaught exception in the page is a failure whatever the page showed.
  expect(web.pageErrors.splice(0)).toEqual([]);
});

async function caseJson(caseId: string): Promise<Json> {
  return (await callAs('admin', 'GET', `/api/v1/cases/${caseId}`)).json;
}

async function caseInStatus(caseId: string, status: string): Promise<Json> {
  return expectEventually(
    async () => {
      const c = await caseJson(caseId);
      return c?.status === status ? c : undefined;
    },
    { timeoutMs: 30000, what: `case ${caseId} ${status}` },
  );
}

const state: { trackingCode?: string; caseId?: string } = {};
/** Page load times (ms): navigation until the page can be used. */
const timings: Record<string, number> = {};
/** Words the classifier cannot place (confidence about 0.3, under the 0.6 threshold), no 文号, no street. */
const TITLE = '请教一个问题';
const CONTENT = `asdkjh qwpeoiru zxmcnv 啊啊啊 ？？？ 1234 电话${PHONE}`;
const REPLY = `您好，已收到您的留言，相关事项由区政府办公室统一答复。${run}`;

describe('web app', () => {
  it('is served at the public base URL: the app for its routes, the API untouched', async () => {
    for (const path of ['/', '/queue', '/cases/00000000-0000-0000-0000-000000000000', '/board/track/X']) {
      const res = await fetch(`${HUB}${path}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('<div id="root">');
    }
    const html = await (await fetch(`${HUB}/`)).text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const js = await fetch(`${HUB}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${HUB}/assets/no-such-file.js`)).status).toBe(404);
    // The API's own answers stay JSON, 404s included.
    const missing = await call('GET', '/api/v1/no-such-route');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/json');
    expect((await call('GET', '/health')).status).toBe(200);
    expect((await call('GET', '/open311/v2/services.json')).status).toBe(200);
  });

  it('a citizen posts a question on the public board and gets a tracking code', async () => {
    const page = await newPage();
    // A cold load (new profile, nothing cached) until the form can be typed in.
    const started = Date.now();
    await page.goto(`${HUB}/board`);
    await page.locator('#title').waitFor();
    // Logged only: page loads are measured in `npm run bench -- pages`, never asserted in a test.
    timings.board = Date.now() - started;
    await page.locator('#title').fill(TITLE);
    // Nothing the classifier knows and no policy reference: it waits for the dispatcher.
    await page.locator('#content').fill(CONTENT);
    await page.locator('#name').fill('王女士');
    await page.locator('#phone').fill(PHONE);
    await shot(page, 'board');
    const posted = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/board/posts'),
    );
    await page.getByRole('button', { name: '提交留言' }).click();
    const answer = await (await posted).json();
    const code = (await page.getByTestId('tracking-code').innerText()).trim();
    expect(code).toMatch(/^[A-Z0-9]{6,}$/);
    expect(answer.trackingCode).toBe(code);
    state.trackingCode = code;
    state.caseId = answer.caseId;

    const routed = await expectEventually(
      async () => {
        const c = await caseJson(answer.caseId);
        return c && c.status !== 'received' ? c : undefined;
      },
      { timeoutMs: 30000, what: 'the board post triaged' },
    );
    expect({ status: routed.status, routing: routed.routing }).toMatchObject({ status: 'pending-dispatch' });
    expect(routed.content).not.toContain(PHONE);
  });

  it('the dispatcher routes it from the dispatch page: a unit and Enter', async () => {
    const page = await login('dispatcher');
    expect(new URL(page.url()).pathname).toBe('/dispatch');
    const row = page.locator(`tr[data-row-key="${state.caseId}"]`);
    await row.waitFor();
    await row.getByText('classifier confidence below', { exact: false }).waitFor();
    await shot(page, 'dispatch');
    await row.locator('.ant-select-selector').click();
    await page.keyboard.type('区政府办公室');
    await page.locator('.ant-select-item-option-active').filter({ hasText: '区政府办公室' }).waitFor();
    await page.keyboard.press('Enter'); // picks the unit
    await page.keyboard.press('Enter'); // assigns
    await toast(page, '已派往');
    await row.waitFor({ state: 'detached' });
    const c = await caseInStatus(state.caseId!, 'assigned');
    expect(c.departmentCode).toBe('gov-office');
  });

  it('the staff accept and reply on the case page; the queue counts down; an expired session goes back to login', async () => {
    await seedWatchedCases();
    const page = await login('gov-office.staff');
    expect(new URL(page.url()).pathname).toBe('/queue');
    const row = page.locator(`tr[data-row-key="${state.caseId}"]`);
    await row.waitFor();
    const started = Date.now();
    await page.reload();
    await row.locator('[data-deadline]').waitFor();
    timings.queue = Date.now() - started; // logged only, as above
    // Live countdowns, coloured by the deadline's state (breached, at risk past warnAt, on track).
    const countdown = row.locator('[data-deadline="on-track"]');
    const before = await countdown.innerText();
    await expectEventually(async () => ((await countdown.innerText()) !== before ? true : undefined), {
      what: 'the countdown ticking',
    });
    await page.locator('[data-deadline="breached"]').first().waitFor();
    await page.locator('[data-deadline="at-risk"]').first().waitFor();
    await shot(page, 'queue');

    // Filters narrow the list; the row opens the case.
    await page.getByTestId('queue-search').fill(TITLE);
    await page.waitForURL((u) => u.searchParams.get('q') === TITLE);
    await row.click();
    await page.waitForURL(`**/cases/${state.caseId}`);
    const casePage = page.getByTestId('case-page');
    await casePage.waitFor();
    await page.getByTestId('routing').waitFor();
    await page.getByTestId('deadlines').getByText('board.answer').first().waitFor();
    expect(await page.getByTestId('case-content').innerText()).not.toContain(PHONE);

    await page.locator('button[data-action="accept"]').click();
    await page.locator('[data-testid="case-page"][data-status="accepted"]').waitFor();

    // 显示联系方式: unmasked on demand, audited.
    await page.getByTestId('reveal-contact').click();
    await page.getByTestId('contact').getByText(PHONE, { exact: true }).waitFor();

    // A step the state does not allow is refused by the API and said so.
    expect((await callAs('gov-office.staff', 'POST', `/api/v1/cases/${state.caseId}/accept`)).status).toBe(
      409,
    );

    await page.locator('textarea[data-testid="reply-text"]').fill(REPLY);
    await page.locator('button[data-action="reply"]').click();
    await page.locator('[data-testid="case-page"][data-status="reply-review"]').waitFor();
    await page.locator('[data-reply-status="pending"]').getByText(REPLY).waitFor();
    await shot(page, 'case');

    // The English switch.
    await page.getByTestId('lang-switch').getByText('English').click();
    await page.getByText('Reply under review', { exact: false }).first().waitFor();
    await page.getByTestId('lang-switch').getByText('中文').click();

    // A token the API no longer accepts: back to the login page.
    await page.evaluate(
      "sessionStorage.setItem('hub.session', JSON.stringify({ ...JSON.parse(sessionStorage.getItem('hub.session')), token: 'expired' }))",
    );
    await page.goto(`${HUB}/queue`);
    await page.waitForURL((u) => u.pathname === '/login');
  });

  it('the lead approves the reply on the review page', async () => {
    const page = await login('gov-office.lead');
    await page.goto(`${HUB}/review`);
    const card = page.locator(`[data-case-id="${state.caseId}"]`);
    await card.getByTestId('draft').getByText(REPLY).waitFor();
    await shot(page, 'review');
    await card.locator('button[data-action="approve-reply"]').click();
    await toast(page, '已审核通过');
    await card.waitFor({ state: 'detached' });
    await caseInStatus(state.caseId!, 'replied');
  });

  it('the supervisor sees breached and at-risk cases and the 三率 per department, and drills down', async () => {
    const page = await login('supervisor');
    expect(new URL(page.url()).pathname).toBe('/sla');
    const rates = page.getByTestId('rates');
    await rates.getByText('区政府办公室').first().waitFor();
    await rates.getByText('响应率').first().waitFor();
    await rates.getByText('满意率').first().waitFor();
    const watch = page.getByTestId('watch');
    await watch.locator('[data-deadline="breached"]').first().waitFor();
    await watch.locator('[data-deadline="at-risk"]').first().waitFor();
    // The chart is drawn once it comes into view (below the tables on this screen).
    await page.getByTestId('echart').scrollIntoViewIfNeeded();
    await page.getByTestId('echart').locator('canvas').waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, 'sla-board');

    // The annual-report workbook, fetched with the bearer token and saved.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    // A number opens the cases behind it.
    await rates.locator('button[data-measure="response"][data-unit="gov-office"]').click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByText('响应率').first().waitFor();
    await drawer.getByText('达标', { exact: true }).click();
    await drawer.locator(`a[href="/cases/${state.caseId}"]`).waitFor();
    await page.keyboard.press('Escape');

    // 督办 on a breached case.
    const breached = watch.locator('tr', { has: page.locator('[data-deadline="breached"]') }).first();
    await breached.locator('button[data-action="supervise"]').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await toast(page, '已督办');
  });

  it('an analyst reads a case without the contact button', async () => {
    const page = await login('analyst');
    await page.goto(`${HUB}/cases/${state.caseId}`);
    await page.getByTestId('case-content').waitFor();
    expect(await page.getByTestId('reveal-contact').count()).toBe(0);
    expect(await page.locator('button[data-action]').count()).toBe(0);
  });

  it('the citizen reads the approved answer on the tracking page', async () => {
    const page = await newPage();
    await page.goto(`${HUB}/board/track/${state.trackingCode}`);
    await page.getByTestId('answer').getByText(REPLY).waitFor();
    expect(await page.getByTestId('track').getAttribute('data-status')).toBe('replied');
    expect(await page.locator('body').innerText()).not.toContain(PHONE);
    await shot(page, 'board-track');
  });
});

/**
 * Two State Council portal referrals citing the district's policy (so triage routes them to
 * gov-office) whose portal deadline is past or near: the queue and the SLA board show a breached
 * and an at-risk case.
 */
async function seedWatchedCases(): Promise<void> {
  const hour = 3600 * 1000;
  const now = Date.now();
  const referrals = [
    {
      id: `${run}-breached`,
      title: '政府开放月报名渠道咨询',
      referredAt: now - 6 * hour,
      dueAt: now - 10 * 60 * 1000,
    },
    { id: `${run}-at-risk`, title: '政务公开专栏更新频率', referredAt: now - 8 * hour, dueAt: now + hour },
  ];
  for (const r of referrals) {
    const res = await callAs('admin', 'POST', '/api/v1/portal/referrals', {
      referralId: r.id,
      referredAt: new Date(r.referredAt).toISOString(),
      dueAt: new Date(r.dueAt).toISOString(),
      title: r.title,
      content: `根据静府办发〔2026〕4号，${r.title}，请相关部门尽快答复。`,
    });
    expect([200, 202]).toContain(res.status);
  }
  for (const r of referrals) {
    await expectEventually(
      async () => {
        const c = (await callAs('admin', 'GET', `/api/v1/cases?externalRef=${r.id}`)).json.items?.[0];
        return c?.departmentCode === 'gov-office' ? c : undefined;
      },
      { timeoutMs: 30000, what: `referral ${r.id} routed to gov-office` },
    );
  }
}
