import { randomInt, randomUUID } from 'node:crypto';
import { expectEventually } from '@hub/testing';
import { call, callAs, HUB_ENV, type Json } from './e2e-kit';

const run = randomUUID().slice(0, 8);
/** A new department that drafts a new policy in this run. */
const unit = `e2e-${run}`;
const seq = randomInt(1000, 99_999);
const docNo = `静测试发〔2026〕${seq}号`;

/** Triage caches the directory for TRIAGE_DIRECTORY_TTL_MS (a minute unless the e2e hub lowers it). */
const directoryTtlMs = Number(
  HUB_ENV.TRIAGE_DIRECTORY_TTL_MS ?? process.env.TRIAGE_DIRECTORY_TTL_MS ?? 60_000,
);

async function admin(method: string, path: string, body?: unknown) {
  return callAs('admin', method, path, body);
}

function fieldsOf(res: { json: Json }): string[] {
  return (res.json.errors as { field: string }[]).map((e) => e.field);
}

async function routedCase(caseId: string): Promise<Json> {
  return expectEventually(
    async () => {
      const c = (await admin('GET', `/api/v1/cases/${caseId}`)).json;
      return c?.status && c.status !== 'received' ? c : undefined;
    },
    { timeoutMs: 30_000, what: `case ${caseId} triaged` },
  );
}

describe('administration: access', () => {
  it('lets every logged-in role read the directory, and only admins change it or touch models', async () => {
    const units = await callAs('housing.staff', 'GET', '/api/v1/directory/units?kind=street&active=true');
    expect(units.status).toBe(200);
    expect(units.json.items.map((u: { code: string }) => u.code)).toContain('caojiadu');
    expect(units.json.items.every((u: { kind: string }) => u.kind === 'street')).toBe(true);
    expect((await callAs('housing.staff', 'GET', '/api/v1/policies?q=静府办发')).json.total).toBeGreaterThan(
      0,
    );

    const writes: [string, string, unknown][] = [
      ['POST', '/api/v1/directory/units', { code: `${unit}-x`, kind: 'department', name: '越权' }],
      ['PUT', '/api/v1/directory/units/housing', { name: '越权' }],
      ['POST', '/api/v1/policies', { docNo: '静府发〔2026〕1号', title: '越权', drafterCode: 'housing' }],
      ['POST', '/api/v1/directory/import', { departments: [] }],
      ['GET', '/api/v1/classifier/models', undefined],
      ['POST', '/api/v1/classifier/models', {}],
      ['POST', '/api/v1/classifier/rollback', undefined],
    ];
    for (const [method, path, body] of writes) {
      const res = await callAs('housing.staff', method, path, body);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
    }
    expect((await call('GET', '/api/v1/directory/units')).status).toBe(401);
    expect((await admin('GET', '/api/v1/directory/units/housing')).json).toMatchObject({
      kind: 'department',
    });
    expect((await admin('GET', '/api/v1/directory/units/no-such-unit')).status).toBe(404);
  });
});

describe('administration: directory and policy registry', () => {
  it('adds a unit, naming the field at fault; a code twice is 409', async () => {
    const bad = await admin('POST', '/api/v1/directory/units', {
      code: 'Bad Code',
      kind: 'bureau',
      name: '',
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad).sort()).toEqual(['code', 'kind', 'name']);

    const created = await admin('POST', '/api/v1/directory/units', {
      code: unit,
      kind: 'department',
      name: `区测试${run}局`,
      nameEn: 'Test Bureau',
      duties: '端到端测试',
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ code: unit, active: true, communities: [] });
    expect(
      (await admin('POST', '/api/v1/directory/units', { code: unit, kind: 'street', name: 'x' })).status,
    ).toBe(409);
    const changed = await admin('PUT', `/api/v1/directory/units/${unit}`, { duties: '端到端测试, 政策起草' });
    expect(changed.json).toMatchObject({ name: `区测试${run}局`, duties: '端到端测试, 政策起草' });
    expect((await admin('PUT', '/api/v1/directory/units/no-such-unit', { name: 'x' })).status).toBe(404);
  });

  it('registers a policy under its canonical 文号, and refuses a non-文号, an unknown drafter and a duplicate', async () => {
    const notDocNo = await admin('POST', '/api/v1/policies', {
      docNo: '第四号文件',
      title: 't',
      drafterCode: unit,
    });
    expect(notDocNo.status).toBe(400);
    expect(fieldsOf(notDocNo)).toEqual(['docNo']);
    const unknown = await admin('POST', '/api/v1/policies', {
      docNo,
      title: 't',
      drafterCode: 'no-such-unit',
    });
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown)).toEqual(['drafterCode']);

    const created = await admin('POST', '/api/v1/policies', {
      docNo: `静测试发[2026]第0${seq}号`,
      title: `关于开展端到端测试${run}的通知`,
      drafterCode: unit,
      issuedOn: '2026-11-01',
      topics: ['端到端测试'],
      serviceItems: [{ name: '测试事项办理', url: 'https://zwdt.sh.gov.cn/govPortals/item/e2e' }],
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ docNo, drafterCode: unit, drafterName: `区测试${run}局` });
    expect(
      (await admin('POST', '/api/v1/policies', { docNo, title: 'again', drafterCode: unit })).status,
    ).toBe(409);

    const found = await callAs(
      'housing.staff',
      'GET',
      `/api/v1/policies?q=${encodeURIComponent(`测试${run}`)}`,
    );
    expect(found.json.items.map((p: { docNo: string }) => p.docNo)).toEqual([docNo]);
    expect((await admin('GET', `/api/v1/policies/${created.json.id}`)).json.serviceItems).toHaveLength(1);
    // A unit that drafts a policy cannot be deactivated.
    expect((await admin('PUT', `/api/v1/directory/units/${unit}`, { active: false })).status).toBe(409);
  });

  it('routes a board post citing the new 文号 to its drafter once the triage cache has turned over', async () => {
    // Triage re-reads the directory after its TTL; there is no event to wait for.
    await new Promise((r) => setTimeout(r, directoryTtlMs + 1500));
    const posted = await call('POST', '/api/v1/board/posts', {
      postId: `admin-${run}`,
      policyDocNo: `静测试发〔2026〕${seq}号`,
      title: '关于测试政策的咨询',
      content: '请问这项测试政策什么时候开始执行？',
    });
    expect(posted.status).toBe(202);
    const c = await routedCase(posted.json.caseId);
    expect(c).toMatchObject({ departmentCode: unit, status: 'assigned', routing: { rule: 'policy' } });
    expect(JSON.stringify(c.routing.reasons)).toContain(docNo);
  }, 180_000);

  it('imports a directory file row by row: good rows upserted, every bad row reported', async () => {
    const json = await admin('POST', '/api/v1/directory/import', {
      about: 'ignored',
      departments: [
        { code: `${unit}-b`, name: `区测试${run}办`, duties: '导入' },
        { code: 'BAD', name: '坏代码' },
        { code: unit, name: `区测试${run}局`, nameEn: 'Test Bureau (renamed)' },
      ],
      streets: [{ code: `${unit}-s`, name: `测试${run}街道`, communities: [`测试${run}居委会`] }],
      policies: [
        { docNo: `静测试发〔2025〕${seq}号`, title: '导入的政策', drafter: `${unit}-b` },
        { docNo: `静测试发〔2024〕${seq}号`, title: '起草单位不存在', drafter: 'no-such-unit' },
        { docNo: '不是文号', title: 'x', drafter: unit },
      ],
    });
    expect(json.status).toBe(200);
    expect(json.json).toEqual({
      rows: 7,
      accepted: 3,
      updated: 1,
      rejected: [
        { section: 'departments', row: 2, field: 'code', problem: expect.any(String) },
        { section: 'policies', row: 2, field: 'drafter', problem: 'no unit no-such-unit in the directory' },
        { section: 'policies', row: 3, field: 'docNo', problem: expect.stringContaining('文号') },
      ],
    });
    expect((await admin('GET', `/api/v1/directory/units/${unit}`)).json.nameEn).toBe('Test Bureau (renamed)');

    const form = new FormData();
    const file = JSON.stringify({ streets: [{ code: `${unit}-s`, name: `测试${run}街道`, active: false }] });
    form.append('file', new Blob([file], { type: 'application/json' }), 'directory.json');
    const multipart = await admin('POST', '/api/v1/directory/import', form);
    expect(multipart.json).toEqual({ rows: 1, accepted: 0, updated: 1, rejected: [] });
    const streets = await admin('GET', '/api/v1/directory/units?kind=street&active=false');
    expect(streets.json.items.map((u: { code: string }) => u.code)).toContain(`${unit}-s`);
    expect((await admin('POST', '/api/v1/directory/import', [1])).status).toBe(400);
  });
});

describe('administration: classifier models', () => {
  it('imports training examples line by line, with the line number of each bad one', async () => {
    const lines = [
      JSON.stringify({
        id: `${run}-1`,
        title: '电梯维修',
        content: '小区电梯坏了两个月物业不修',
        label: 'housing',
      }),
      JSON.stringify({ id: `${run}-2`, content: '不存在的单位', label: 'no-such-unit' }),
      '{not json',
      JSON.stringify({ id: `${run}-3`, content: '', label: 'housing' }),
    ].join('\n');
    const form = new FormData();
    form.append('file', new Blob([lines], { type: 'application/x-ndjson' }), 'examples.jsonl');
    const res = await admin('POST', '/api/v1/classifier/examples/import', form);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ lines: 4, accepted: 1, updated: 0 });
    expect(res.json.rejected.map((r: { line: number }) => r.line)).toEqual([2, 3, 4]);
    expect(res.json.rejected[0].problem).toContain('no-such-unit');
  });

  it('trains a model (a job), lists it without its body, activates it and rolls back', async () => {
    const before = (await admin('GET', '/api/v1/classifier/models')).json.items as Json[];
    const active = before.find((m) => m.active);
    expect(active).toBeDefined();

    const queued = await admin('POST', '/api/v1/classifier/models', { activate: false });
    expect(queued.status).toBe(202);
    expect(queued.headers.get('location')).toBe(`/api/v1/classifier/training/${queued.json.id}`);
    expect((await admin('POST', '/api/v1/classifier/models', {})).status).toBe(409); // one at a time
    const job = await expectEventually(
      async () => {
        const j = (await admin('GET', `/api/v1/classifier/training/${queued.json.id}`)).json;
        if (j.status === 'failed') throw new Error(`training failed: ${j.error}`);
        return j.status === 'done' ? j : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'training done' },
    );
    expect(job.model).toMatchObject({ active: false, trainedOn: expect.any(Number) });
    expect(job.model.metrics.macroF1).toBeGreaterThan(0.6);
    expect(job.model.metrics.examples.import).toBeGreaterThanOrEqual(1);
    expect(job.model.labels).toContain('housing');

    const listed = (await admin('GET', '/api/v1/classifier/models')).json.items as Json[];
    expect(listed[0]).toMatchObject({ version: job.version, active: false });
    expect(listed.every((m) => !('model' in m))).toBe(true);

    const activated = await admin('POST', `/api/v1/classifier/models/${job.version}/activate`);
    expect(activated.json).toMatchObject({
      version: job.version,
      active: true,
      previousVersion: active.version,
    });
    expect((await admin('POST', '/api/v1/classifier/models/999999/activate')).status).toBe(404);

    const rolledBack = await admin('POST', '/api/v1/classifier/rollback');
    expect(rolledBack.json).toMatchObject({
      active: { version: active.version, active: true },
      rolledBackFrom: job.version,
    });
    expect((await admin('POST', '/api/v1/classifier/rollback')).status).toBe(409); // the seed model replaced none
  }, 120_000);
});
