import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { expectEventually } from '@hub/testing';
import { authAs, call, callAs, HUB, type Json } from './e2e-kit';

const run = `m${randomUUID().slice(0, 8)}`;

/** A board post citing the district's policy, which triage routes to 区政府办公室 (gov-office). */
async function routedPost(suffix: string): Promise<string> {
  const posted = await call('POST', '/api/v1/board/posts', {
    postId: `${run}-${suffix}`,
    policyDocNo: '静府办发〔2026〕4号',
    title: `政府开放月 ${suffix}`,
    content: '请问政府开放月活动如何报名？',
  });
  expect(posted.status).toBe(202);
  const caseId = posted.json.caseId as string;
  await expectEventually(
    async () => {
      const c = (await callAs('admin', 'GET', `/api/v1/cases/${caseId}`)).json;
      return c?.departmentCode === 'gov-office' && c?.status === 'assigned' ? c : undefined;
    },
    { timeoutMs: 30000, what: `case ${caseId} routed to gov-office` },
  );
  return caseId;
}

async function ok(user: string, caseId: string, action: string, body: object = {}) {
  const r = await callAs(user, 'POST', `/api/v1/cases/${caseId}/${action}`, body);
  if (r.status !== 200) throw new Error(`${user} ${action}: ${r.status} ${JSON.stringify(r.json)}`);
}

async function metrics(user: string, query = 'groupBy=department'): Promise<Json> {
  const r = await callAs(user, 'GET', `/api/v1/metrics?${query}`);
  if (r.status !== 200) throw new Error(`metrics as ${user}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
}

const group = (m: Json, key: string) => m.groups.find((g: Json) => g.key === key);

async function download(
  user: string,
  query = '',
): Promise<{ status: number; headers: Headers; wb: ExcelJS.Workbook }> {
  const res = await fetch(`${HUB}/api/v1/metrics/export.xlsx${query}`, { headers: await authAs(user) });
  const wb = new ExcelJS.Workbook();
  if (res.status === 200) await wb.xlsx.load(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, wb };
}

describe('measures supervisors are judged by (三率) through the public API', () => {
  let answered: string;
  let transferred: string;
  let before: Json;

  beforeAll(async () => {
    before = await metrics('supervisor');
    // One case answered by gov-office: accepted and replied well within its deadlines.
    answered = await routedPost('answered');
    await ok('gov-office.staff', answered, 'accept');
    await ok('gov-office.staff', answered, 'reply', { text: `您好，可在区政府网站报名。${run}` });
    await ok('gov-office.lead', answered, 'approve-reply');
    // One passed on to housing (转办), still open there.
    transferred = await routedPost('transferred');
    await ok('gov-office.staff', transferred, 'transfer', {
      departmentCode: 'housing',
      reason: '涉及房屋管理',
    });
  });

  it('counts the answered case for gov-office, with definitions, and drills down to it', async () => {
    const after = await metrics('supervisor');
    expect(after).toMatchObject({ groupBy: 'department', department: null });
    expect(after.from).toMatch(/^\d{4}-01-01T00:00:00\+08:00$/);
    expect(after.definitions.response).toMatchObject({
      name: '响应率',
      definition: expect.stringContaining('首次响应时限'),
    });
    const was = group(before, 'gov-office');
    const gov = group(after, 'gov-office');
    expect(gov.label).toBe('区政府办公室');
    expect(gov.received).toBe((was?.received ?? 0) + 1); // the transferred case now counts for housing
    expect(gov.response.numerator).toBe((was?.response.numerator ?? 0) + 1);
    expect(gov.response.denominator).toBe((was?.response.denominator ?? 0) + 1);
    expect(gov.onTime.numerator).toBe((was?.onTime.numerator ?? 0) + 1);
    expect(gov.onTime.denominator).toBe((was?.onTime.denominator ?? 0) + 1);
    expect(gov.replied).toBe((was?.replied ?? 0) + 1);
    expect(gov.avgHandlingHours).toEqual(expect.any(Number));
    expect(after.total.received).toBe(before.total.received + 2);

    const met = await callAs(
      'supervisor',
      'GET',
      '/api/v1/metrics/cases?measure=on-time&outcome=met&department=gov-office&limit=200',
    );
    expect(met.status).toBe(200);
    expect(met.json.items.find((c: Json) => c.id === answered)).toMatchObject({
      channel: 'board',
      externalRef: `${run}-answered`,
      departmentCode: 'gov-office',
      status: 'replied',
      acceptedAt: expect.any(String),
      repliedAt: expect.any(String),
    });
    const missed = await callAs('supervisor', 'GET', '/api/v1/metrics/cases?measure=on-time&outcome=missed');
    expect(missed.json.items.map((c: Json) => c.id)).not.toContain(answered);
    const open = await callAs(
      'analyst',
      'GET',
      '/api/v1/metrics/cases?measure=open&department=housing&limit=200',
    );
    expect(open.json.items.map((c: Json) => c.id)).toContain(transferred);

    const byChannel = await metrics('dispatcher', 'groupBy=channel&channel=board');
    expect(byChannel.groups.map((g: Json) => [g.key, g.label])).toEqual([['board', '网站留言板']]);
  });

  it('department staff see their own unit only, everywhere; the integration account sees nothing', async () => {
    expect((await callAs('housing.staff', 'GET', '/api/v1/metrics?department=gov-office')).status).toBe(403);
    expect(
      (await callAs('housing.lead', 'GET', '/api/v1/metrics/cases?measure=received&department=gov-office'))
        .status,
    ).toBe(403);
    expect((await download('housing.staff', '?department=gov-office')).status).toBe(403);
    expect((await callAs('integration', 'GET', '/api/v1/metrics')).status).toBe(403);
    expect((await call('GET', '/api/v1/metrics')).status).toBe(401);

    const own = await metrics('housing.staff');
    const housing = group(await metrics('supervisor'), 'housing');
    expect(own.department).toBe('housing');
    expect(own.groups.map((g: Json) => g.key)).toEqual(['housing']);
    const { key: _key, label: _label, ...housingMeasures } = housing;
    expect(own.total).toEqual(housingMeasures);
    const byMonth = await metrics('housing.lead', 'groupBy=month');
    expect(byMonth.total.received).toBe(housing.received);

    const cases = await callAs('housing.staff', 'GET', '/api/v1/metrics/cases?measure=received&limit=200');
    expect(cases.json.total).toBe(housing.received);
    expect(cases.json.items.map((c: Json) => c.id)).toContain(transferred);
    expect(cases.json.items.map((c: Json) => c.id)).not.toContain(answered);
    expect(new Set(cases.json.items.map((c: Json) => c.departmentCode))).toEqual(new Set(['housing']));

    const staffExport = await download('housing.staff');
    expect(staffExport.status).toBe(200);
    const units = staffExport.wb.getWorksheet('按部门')!.getColumn(1).values.slice(2);
    expect(units).toEqual([housing.label, '合计']);
  });

  it('refuses bad parameters with 400 naming the field', async () => {
    const fields = async (path: string) =>
      (await callAs('supervisor', 'GET', path)).json.errors?.map((e: Json) => e.field);
    expect(await fields('/api/v1/metrics?groupBy=year')).toEqual(['groupBy']);
    expect(await fields('/api/v1/metrics?from=2026-02-30')).toEqual(['from']);
    expect(await fields('/api/v1/metrics?from=2026-03-02&to=2026-03-01')).toEqual(['to']);
    expect(await fields('/api/v1/metrics/cases')).toEqual(['measure']);
    expect(await fields('/api/v1/metrics/cases?measure=breached&outcome=met')).toEqual(['outcome']);
  });

  it('exports the annual-report workbook', async () => {
    const { status, headers, wb } = await download('supervisor');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('spreadsheetml');
    const year = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();
    expect(headers.get('content-disposition')).toBe(`attachment; filename="civic-hub-metrics-${year}.xlsx"`);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按部门', '按渠道', '按月', '口径说明']);
    const ws = wb.getWorksheet('按部门')!;
    const headerRow = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headerRow.slice(0, 5)).toEqual(['单位', '受理量', '及时签收件数', '应签收件数', '响应率']);
    const gov = ws.getColumn(1).values.indexOf('区政府办公室');
    expect(gov).toBeGreaterThan(1);
    const supervisorView = group(await metrics('supervisor'), 'gov-office');
    expect(ws.getRow(gov).getCell(headerRow.indexOf('受理量') + 1).value).toBe(supervisorView.received);
    expect(ws.getRow(gov).getCell(headerRow.indexOf('响应率') + 1).numFmt).toBe('0.0%');
    const definitions = wb.getWorksheet('口径说明')!.getColumn(1).values;
    expect(definitions).toEqual(expect.arrayContaining(['响应率', '按期办结率', '解决率', '满意率']));
  });
});
