import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Topics } from '@hub/contracts';
import { expectEventually } from '@hub/testing';
import { call, callAs, searchEngineHits, sql, topicMessages } from './e2e-kit';

const run = `i${randomUUID().slice(0, 8)}`;
/** Every raw phone and ID number these tests send: none may leave the protected store. */
const RAW = {
  boardPhone: '13600001111',
  portalPhone: '13700002222',
  open311Phone: '13500003333',
  idCard: '310101199003071230',
};

async function importFile(name: string, buffer: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([buffer]), name);
  return callAs('integration', 'POST', '/api/v1/portal/referrals/import', form);
}

async function xlsx(
  rows: (string | Date | undefined)[][],
  headers = ['转办编号', '转办时间', '办理时限', '标题', '内容', '留言人', '联系电话', '地区'],
) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('转办留言');
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('policy message board', () => {
  it('links a post citing a 文号 in any usual spelling to the policy in the registry', async () => {
    const posted = await call('POST', '/api/v1/board/posts', {
      postId: `${run}-policy`,
      title: '政府开放月怎么报名',
      content: `请问静府办发［2026］ 4 号提到的政府开放月活动如何报名？电话${RAW.boardPhone}`,
    });
    expect(posted.status).toBe(202);
    const c = await expectEventually(async () => {
      const r = await callAs('admin', 'GET', `/api/v1/cases/${posted.json.caseId}`);
      return r.status === 200 ? r.json : undefined;
    });
    expect(c.policyDocNo).toBe('静府办发〔2026〕4号');
    expect(c.policyId).toEqual(expect.any(String));
    const [policy] = await sql<{ drafter_code: string }>(`SELECT drafter_code FROM policy WHERE id = $1`, [
      c.policyId,
    ]);
    expect(policy.drafter_code).toBe('gov-office');
  });

  it('keeps a cited 文号 that is not in the registry, unlinked', async () => {
    const posted = await call('POST', '/api/v1/board/posts', {
      postId: `${run}-nopolicy`,
      title: '咨询',
      content: '沪府发〔2025〕99号 的适用范围',
    });
    const c = await expectEventually(async () => {
      const r = await callAs('admin', 'GET', `/api/v1/cases/${posted.json.caseId}`);
      return r.status === 200 ? r.json : undefined;
    });
    expect(c).toMatchObject({ policyDocNo: '沪府发〔2025〕99号', policyId: null });
  });
});

describe('State Council portal referrals', () => {
  const referral = {
    referralId: `${run}-GWY-1`,
    referredAt: '2026-11-28T09:30:00+08:00',
    dueAt: '2026-12-18T17:30:00+08:00',
    title: '关于老旧小区加装电梯补贴的建议',
    content: `建议提高加装电梯补贴标准。联系电话${RAW.portalPhone}，身份证${RAW.idCard}`,
    submitter: '李女士',
    phone: RAW.portalPhone,
    region: '上海市静安区',
  };

  it('receives a referral once, with the portal deadline, and names the existing case for a repeat', async () => {
    const first = await callAs('integration', 'POST', '/api/v1/portal/referrals', referral);
    expect(first.status).toBe(202);
    const again = await callAs('integration', 'POST', '/api/v1/portal/referrals', referral);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ ...first.json, duplicate: true });
    const c = await expectEventually(async () => {
      const r = await callAs('admin', 'GET', `/api/v1/cases/${first.json.caseId}`);
      return r.status === 200 ? r.json : undefined;
    });
    expect(c).toMatchObject({
      channel: 'portal',
      externalRef: referral.referralId,
      dueAt: '2026-12-18T09:30:00.000Z',
    });
    expect(c.content).not.toContain(RAW.portalPhone);
  });

  it('rejects an invalid referral with 400 naming each field', async () => {
    const bad = await callAs('integration', 'POST', '/api/v1/portal/referrals', {
      referralId: '',
      referredAt: 'soon',
      title: 1,
      extra: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'content',
      'extra',
      'referralId',
      'referredAt',
      'title',
    ]);
  });

  it('imports a small .jsonl export within the request, row by row', async () => {
    const lines = [
      JSON.stringify({ ...referral, referralId: `${run}-J1` }),
      JSON.stringify(referral), // received above: duplicate
      '{"referralId": broken',
      JSON.stringify({ referralId: `${run}-J2`, referredAt: '2026-11-28T10:00:00+08:00', title: '无内容' }),
    ];
    const r = await importFile('export.jsonl', Buffer.from(lines.join('\n')));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      status: 'done',
      total: 4,
      processed: 4,
      accepted: 1,
      duplicate: 1,
      rejected: 2,
    });
    expect(r.json.rows.map((x: { row: number; status: string }) => [x.row, x.status])).toEqual([
      [1, 'accepted'],
      [2, 'duplicate'],
      [3, 'rejected'],
      [4, 'rejected'],
    ]);
    expect(r.json.rows[3].errors).toEqual([{ field: 'content', problem: 'is required' }]);
  });

  it('imports an .xlsx export of 3,000 rows as a job with progress, reporting every row', async () => {
    const rows: (string | Date | undefined)[][] = [];
    for (let i = 0; i < 2900; i++) {
      rows.push([
        `${run}-X${i}`,
        '2026-11-28 09:30',
        i % 2 ? '2026-12-18' : undefined,
        `留言 ${i}`,
        `静安区居民反映问题 ${i}，电话${RAW.portalPhone}`,
        '王先生',
        RAW.portalPhone,
        '上海市静安区',
      ]);
    }
    for (let i = 0; i < 50; i++)
      rows.push([
        `${run}-X${i}`,
        '2026-11-28 09:30',
        undefined,
        `重复 ${i}`,
        '同一转办编号再次出现',
        undefined,
        undefined,
        undefined,
      ]);
    for (let i = 0; i < 25; i++)
      rows.push([
        `${run}-BAD${i}`,
        '2026-11-28 09:30',
        undefined,
        undefined,
        '缺少标题',
        undefined,
        undefined,
        undefined,
      ]);
    for (let i = 0; i < 25; i++)
      rows.push([
        `${run}-BADT${i}`,
        '下周一',
        undefined,
        '时间不对',
        '转办时间无法识别',
        undefined,
        undefined,
        undefined,
      ]);
    const file = await xlsx(rows);

    const started = await importFile('国务院转办留言导出.xlsx', file);
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({ status: 'running', total: 3000 });
    const seenProgress = new Set<number>();
    const job = await expectEventually(
      async () => {
        const r = await callAs('integration', 'GET', `/api/v1/portal/referrals/import/${started.json.id}`);
        seenProgress.add(r.json.processed);
        return r.json.status === 'done' ? r.json : undefined;
      },
      { timeoutMs: 110000, intervalMs: 300, what: 'import done' },
    );
    expect(job).toMatchObject({
      fileName: '国务院转办留言导出.xlsx',
      total: 3000,
      processed: 3000,
      accepted: 2900,
      duplicate: 50,
      rejected: 50,
    });
    expect([...seenProgress].some((p) => p > 0 && p < 3000)).toBe(true); // progress was visible on the way
    const rejected = job.rows.filter((r: { status: string }) => r.status === 'rejected');
    expect(rejected[0]).toMatchObject({
      row: 2952,
      referralId: `${run}-BAD0`,
      errors: [{ field: 'title', problem: 'is required' }],
    });
    expect(rejected[25].errors[0]).toMatchObject({ field: 'referredAt' });
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM message WHERE channel = 'portal' AND external_ref LIKE $1`,
      [`${run}-X%`],
    );
    expect(n).toBe(2900);
    const [due] = await sql<{ source_due_at: Date }>(
      `SELECT source_due_at FROM message WHERE external_ref = $1`,
      [`${run}-X1`],
    );
    expect(due.source_due_at.toISOString()).toBe('2026-12-18T15:59:59.000Z'); // end of that day in China

    const again = await importFile('again.xlsx', file);
    const second = await expectEventually(
      async () => {
        const r = await callAs('integration', 'GET', `/api/v1/portal/referrals/import/${again.json.id}`);
        return r.json.status === 'done' ? r.json : undefined;
      },
      { timeoutMs: 110000, intervalMs: 500 },
    );
    expect(second).toMatchObject({ accepted: 0, duplicate: 2950, rejected: 50 });
  }, 240000);

  it('refuses a file it cannot read, saying why', async () => {
    expect((await importFile('export.csv', Buffer.from('a,b'))).json.message).toContain(
      'only .xlsx and .jsonl',
    );
    const noTitle = await importFile(
      'x.xlsx',
      await xlsx(
        [['1', '2026-11-28 09:30', undefined, '内容']],
        ['转办编号', '转办时间', '办理时限', '内容'],
      ),
    );
    expect(noTitle.status).toBe(400);
    expect(noTitle.json.message).toContain('标题');
    expect(
      (await callAs('integration', 'POST', '/api/v1/portal/referrals/import', new FormData())).status,
    ).toBe(400);
    expect((await importFile('x.xlsx', Buffer.from('not a zip'))).status).toBe(400);
  });
});

describe('Open311 GeoReport v2', () => {
  it('lists services, files a request, and finds it alone and in the list, masked', async () => {
    const services = await call('GET', '/open311/v2/services.json');
    expect(services.json.map((s: { service_code: string }) => s.service_code)).toContain('noise');

    const form = new URLSearchParams({
      api_key: 'hub-demo-open311',
      service_code: 'noise',
      lat: '31.2304',
      long: '121.4737',
      description: `工地夜间施工噪声，我的电话${RAW.open311Phone}`,
      first_name: '明',
      last_name: '陈',
      phone: RAW.open311Phone,
    });
    const created = await call('POST', '/open311/v2/requests.json', form);
    expect(created.status).toBe(201);
    const id = created.json[0].service_request_id;

    // Visible at once (read from the message), in status received until the case opens.
    const one = (await call('GET', `/open311/v2/requests/${id}.json`)).json;
    expect(one[0]).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'noise',
      lat: 31.2304,
      long: 121.4737,
    });
    expect(one[0].description).toContain('135****3333');
    const list = await call('GET', '/open311/v2/requests.json?service_code=noise&status=open');
    expect(list.json.map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
  });

  it('answers errors as GeoReport arrays: bad key, unknown service, missing location', async () => {
    const base = {
      api_key: 'hub-demo-open311',
      service_code: 'noise',
      description: '噪声',
      lat: 31.2,
      long: 121.4,
    };
    const badKey = await call('POST', '/open311/v2/requests.json', { ...base, api_key: 'nope' });
    expect(badKey.status).toBe(403);
    expect(badKey.json).toEqual([{ code: 403, description: 'api_key is missing or not valid' }]);
    const unknown = await call('POST', '/open311/v2/requests.json', { ...base, service_code: 'ufo' });
    expect(unknown.status).toBe(404);
    const noWhere = await call('POST', '/open311/v2/requests.json', {
      ...base,
      lat: undefined,
      long: undefined,
    });
    expect(noWhere.status).toBe(400);
    expect(noWhere.json[0].description).toContain('location');
    expect((await call('GET', `/open311/v2/requests/${randomUUID()}.json`)).status).toBe(404);
    expect((await call('GET', '/open311/v2/requests.json?start_date=someday')).status).toBe(400);
  });
});

describe('personal data', () => {
  it('reaches neither the downstream topics nor the search index raw', async () => {
    // Let the indexer catch up with everything above.
    await expectEventually(
      async () =>
        (await callAs('admin', 'GET', `/api/v1/search?q=${encodeURIComponent('加装电梯补贴')}`)).json.total >=
        1,
    );
    const downstream = [
      ...(await topicMessages(Topics.messagesReceived)),
      ...(await topicMessages(Topics.caseEvents)),
    ].map((m) => m.value!.toString('utf8'));
    expect(downstream.length).toBeGreaterThan(3000);
    for (const raw of Object.values(RAW)) {
      expect(downstream.filter((v) => v.includes(raw))).toEqual([]);
      expect(await searchEngineHits(raw)).toBe(0);
    }
  });
});
