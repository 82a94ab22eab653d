import { randomInt, randomUUID } from 'node:crypto';
import { type Page } from 'playwright-core';
import { expectEventually } from '@hub/testing';
import { call, callAs, CLUSTERED_WITHIN_MS, HUB, type Json } from './e2e-kit';
import { shot, toast, WebKit } from './web-kit';

/**
 * The administration screens and the lead's review of shared answers in a real browser: the admin
 * registers a policy with its 文号 and a 一网通办 service item (a wrong 文号 is refused under the
 * field), imports a directory file with a bad row and reads that row in the report, imports
 * training examples with a bad line, trains a classifier version, follows the job until it is
 * done, activates it and rolls back; a lead approves one pending shared answer and sends another
 * back from the review page. Screenshots: admin-policies.png, admin-directory.png,
 * admin-classifier.png, review-shared.png.
 */
const run = `wadm${randomUUID().slice(0, 6)}`;
const seq = randomInt(1000, 99_999);
const DOC_NO = `静管测发〔2026〕${seq}号`;
const SERVICE = { name: `测试事项办理${run}`, url: `https://zwdt.sh.gov.cn/govPortals/item/${run}` };
const web = new WebKit();

beforeAll(async () => {
  await web.launch();
}, 60000);

afterAll(async () => {
  await web.close();
});

afterEach(() => {
  // An uncaught exception in the page is a failure whatever the page showed.
  expect(web.pageErrors.splice(0)).toEqual([]);
});

async function adminTab(tab: 'units' | 'policies' | 'classifier'): Promise<Page> {
  const page = await web.login('admin');
  await page.goto(`${HUB}/admin${tab === 'units' ? '' : `?tab=${tab}`}`);
  await page.locator('.ant-tabs-tab-active').waitFor();
  return page;
}

async function activeModel(): Promise<Json> {
  const models = (await callAs('admin', 'GET', '/api/v1/classifier/models')).json.items as Json[];
  return models.find((m) => m.active);
}

describe('web app: administration', () => {
  it('the admin registers a policy with a 文号 and a 一网通办 service item; a wrong 文号 is refused under its field', async () => {
    const page = await adminTab('policies');
    await page.getByTestId('policies').locator('tbody tr[data-row-key]').first().waitFor();
    await page.locator('button[data-action="new-policy"]').click();
    const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('policy-form') });
    await modal.getByTestId('policy-docNo').fill('第四号文件');
    await modal.getByTestId('policy-title').fill(`关于开展管理界面测试${run}的通知`);
    await modal.getByTestId('policy-drafter').click();
    await page.keyboard.type('housing');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').waitFor();
    await page.keyboard.press('Enter');
    await modal.getByTestId('policy-topics').click();
    await page.keyboard.type('管理界面测试');
    await page.keyboard.press('Enter');
    await modal.locator('.ant-modal-title').click(); // closes the keyword list (Escape would close the dialog)
    await modal.locator('button[data-action="add-service-item"]').click();
    await modal.getByTestId('service-item-name').fill(SERVICE.name);
    await modal.getByTestId('service-item-url').fill(SERVICE.url);
    await modal.getByRole('button', { name: '保存' }).click();

    // The API's refusal, shown under the 文号 field.
    const docNoItem = modal.locator('.ant-form-item').filter({ has: page.getByTestId('policy-docNo') });
    await docNoItem.locator('.ant-form-item-explain-error').filter({ hasText: '文号' }).waitFor();
    await shot(page, 'admin-policy-error');

    // Any usual spelling is accepted and stored canonical.
    await modal.getByTestId('policy-docNo').fill(`静管测发[2026]第0${seq}号`);
    await modal.getByRole('button', { name: '保存' }).click();
    await toast(page, `已保存 ${DOC_NO}`);
    await modal.waitFor({ state: 'hidden' });
    await page.getByTestId('policy-search').fill(run);
    const row = page.getByTestId('policies').locator('tbody tr').filter({ hasText: DOC_NO });
    await row.getByRole('link', { name: SERVICE.name }).waitFor();
    await shot(page, 'admin-policies');

    const found = await callAs('admin', 'GET', `/api/v1/policies?q=${encodeURIComponent(DOC_NO)}`);
    expect(found.json.items).toEqual([
      expect.objectContaining({
        docNo: DOC_NO,
        drafterCode: 'housing',
        topics: ['管理界面测试'],
        serviceItems: [SERVICE],
      }),
    ]);
  });

  it('the admin imports a directory file with a bad row and reads that row in the report', async () => {
    const page = await adminTab('units');
    await page.getByTestId('units').locator('tbody tr[data-row-key]').first().waitFor();
    const file = {
      departments: [
        { code: `${run}-dept`, name: `区管理测试${run}局`, duties: '导入测试' },
        { code: 'Bad Code', name: '坏代码' },
      ],
      streets: [{ code: `${run}-st`, name: `管理测试${run}街道`, communities: [`测试${run}居委会`] }],
    };
    await page
      .getByTestId('directory-import')
      .locator('input[type="file"]')
      .setInputFiles({
        name: 'directory.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(file)),
      });
    const report = page.getByTestId('import-report');
    await report.getByText('共 3 行，新增 2，更新 0，未导入 1').waitFor();
    const bad = report.locator('tr[data-row-key^="departments:2:code:"]');
    await bad.waitFor();
    expect(await bad.innerText()).toContain('code');

    // The good rows are in the directory at once.
    await page.getByTestId('unit-search').fill(run);
    await page.getByTestId('units').locator(`tr[data-row-key="${run}-dept"]`).waitFor();
    await page.getByTestId('units').locator(`tr[data-row-key="${run}-st"]`).getByText('1 个居委会').waitFor();
    await shot(page, 'admin-directory');
    expect((await callAs('admin', 'GET', '/api/v1/directory/units/Bad Code')).status).toBe(404);
    expect((await callAs('admin', 'GET', `/api/v1/directory/units/${run}-dept`)).json).toMatchObject({
      kind: 'department',
      active: true,
    });
  });

  it('the admin imports training examples, trains a classifier version, activates it and rolls back', async () => {
    const before = await activeModel();
    expect(before).toBeDefined();
    const page = await adminTab('classifier');
    await page.getByTestId('active-version').getByText(`v${before.version}`).waitFor();

    const lines = [
      JSON.stringify({ id: `${run}-1`, content: '小区电梯停运一个月，物业迟迟不维修', label: 'housing' }),
      JSON.stringify({ id: `${run}-2`, content: '没有这个单位', label: 'no-such-unit' }),
    ].join('\n');
    await page
      .getByTestId('example-import')
      .locator('input[type="file"]')
      .setInputFiles({
        name: 'examples.jsonl',
        mimeType: 'application/x-ndjson',
        buffer: Buffer.from(lines),
      });
    const examples = page.getByTestId('examples-report');
    await examples.getByText('共 2 行，新增 1，替换 0，未导入 1').waitFor();
    await examples.locator('tr[data-row-key="2"]').getByText('no-such-unit').waitFor();

    await page.locator('button[data-action="train-model"]').click();
    // The job's progress until it is done (the triage service trains in a few seconds).
    await page.locator('[data-testid="training-job"]').waitFor();
    await page.locator('[data-testid="training-job"][data-job-status="done"]').waitFor({ timeout: 90000 });
    const trained = (await page.getByTestId('trained-version').innerText()).match(/v(\d+)/);
    expect(trained).not.toBeNull();
    const version = Number(trained![1]);
    expect(version).toBeGreaterThan(before.version);
    await page.getByTestId('models').locator(`tr[data-row-key="${version}"]`).waitFor();

    await page.locator('button[data-action="activate-trained"]').click();
    await toast(page, `已启用 v${version}`);
    await page.getByTestId('active-version').getByText(`v${version}`).waitFor();
    await page
      .getByTestId('models')
      .locator(`tr[data-row-key="${version}"]`)
      .getByTestId('active-model')
      .waitFor();
    const activated = await activeModel();
    expect(activated).toMatchObject({ version, previousVersion: before.version });
    expect(activated.metrics.examples.import).toBeGreaterThanOrEqual(1);
    await shot(page, 'admin-classifier');

    // Roll back: the model in use before this spec routes again.
    await page.locator('button[data-action="rollback-model"]').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await toast(page, `已从 v${version} 回滚到 v${before.version}`);
    await page.getByTestId('active-version').getByText(`v${before.version}`).waitFor();
    expect((await activeModel()).version).toBe(before.version);
  }, 150_000);
});

describe('web app: shared answers on the review page', () => {
  const answers: { approve?: string; sendBack?: string } = {};

  it("the unit's staff draft two shared answers for a question", async () => {
    const posted = await call('POST', '/api/v1/board/posts', {
      postId: `${run}-post`,
      policyDocNo: '静府办发〔2026〕4号',
      title: '政府信息公开指南',
      content: `请问区政府信息公开指南在哪里可以下载？（${run}）`,
    });
    expect(posted.status).toBe(202);
    const caseId = posted.json.caseId as string;
    await expectEventually(
      async () =>
        (await callAs('admin', 'GET', `/api/v1/cases/${caseId}`)).json.departmentCode === 'gov-office' ||
        undefined,
      { timeoutMs: 30000, what: 'the post routed to gov-office' },
    );
    const clusterId = await expectEventually(
      async () =>
        ((await callAs('gov-office.staff', 'GET', `/api/v1/cases/${caseId}/suggestions`)).json.clusterId as
          string | null) ?? undefined,
      { timeoutMs: CLUSTERED_WITHIN_MS, what: 'the post clustered' },
    );
    for (const key of ['approve', 'sendBack'] as const) {
      const drafted = await callAs(
        'gov-office.staff',
        'POST',
        `/api/v1/clusters/${clusterId}/shared-answers`,
        {
          text: `您好，区政府信息公开指南可在区政府网站“政府信息公开”栏目下载。（${run} ${key}）`,
          serviceItem: { name: '政府信息公开申请', url: 'https://zwdt.sh.gov.cn/govPortals/jingan/xxgk' },
        },
      );
      expect(drafted.status).toBe(201);
      answers[key] = drafted.json.id;
    }
  });

  it('the lead sends one back with a comment and approves the other from the review page', async () => {
    const page = await web.login('gov-office.lead');
    await page.goto(`${HUB}/review`);
    const list = page.getByTestId('shared-answer-review');
    const sendBack = list.locator(`[data-answer-id="${answers.sendBack}"]`);
    const approve = list.locator(`[data-answer-id="${answers.approve}"]`);
    await approve.getByTestId('answer-text').getByText(`${run} approve`).waitFor();
    await approve.getByRole('link', { name: '政府信息公开申请' }).waitFor();
    await shot(page, 'review-shared');

    await sendBack.getByTestId('answer-comment').fill('请补充下载链接');
    await sendBack.locator('button[data-action="reject-answer"]').click();
    await toast(page, '统一回应已退回');
    await sendBack.waitFor({ state: 'detached' });

    await approve.locator('button[data-action="approve-answer"]').click();
    await toast(page, '统一回应已发布');
    await approve.waitFor({ state: 'detached' });

    const byStatus = async (status: string) =>
      (
        (await callAs('gov-office.lead', 'GET', `/api/v1/shared-answers?status=${status}&limit=200`)).json
          .items as Json[]
      ).map((a) => a.id as string);
    expect(await byStatus('approved')).toContain(answers.approve);
    expect(await byStatus('rejected')).toContain(answers.sendBack);
    expect(await byStatus('pending')).not.toContain(answers.approve);
    const rejected = (
      (await callAs('gov-office.lead', 'GET', '/api/v1/shared-answers?status=rejected&limit=200')).json
        .items as Json[]
    ).find((a) => a.id === answers.sendBack);
    expect(rejected).toMatchObject({ reviewComment: '请补充下载链接', reviewedBy: 'gov-office.lead' });
  });
});
