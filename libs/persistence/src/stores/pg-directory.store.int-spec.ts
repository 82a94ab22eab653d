import { type DataSource } from 'typeorm';
import { dropTestDatabase, testEnv } from '@hub/testing';
import { createDataSource, migrate } from '../data-source';
import { PgAuditLog } from './pg-audit.log';
import { PgDirectoryStore, RegistryError } from './pg-directory.store';

const admin = { username: 'admin', role: 'admin' };

async function refused(p: Promise<unknown>): Promise<RegistryError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RegistryError) return e;
    throw e;
  }
  throw new Error('the write was not refused');
}

describe('PgDirectoryStore (real PostgreSQL)', () => {
  const databaseUrl = testEnv('int').databaseUrl.replace(/hub_test_int$/, 'hub_test_int_directory');
  let db: DataSource;
  let store: PgDirectoryStore;

  beforeAll(async () => {
    await dropTestDatabase(databaseUrl);
    await migrate(databaseUrl);
    db = await createDataSource(databaseUrl).initialize();
    store = new PgDirectoryStore(db);
    await store.createUnit('gov-office', { kind: 'department', name: '区政府办公室' }, admin);
  });

  afterAll(async () => {
    await db.destroy();
  });

  it('adds, reads, changes and deactivates units; a second unit with the same code is a conflict', async () => {
    const created = await store.createUnit(
      'housing',
      { kind: 'department', name: '区房管局', nameEn: 'Housing', duties: '物业管理' },
      admin,
    );
    expect(created).toMatchObject({ code: 'housing', active: true, communities: [], nameEn: 'Housing' });
    expect(
      await refused(store.createUnit('housing', { kind: 'department', name: 'x' }, admin)),
    ).toMatchObject({
      kind: 'conflict',
      field: 'code',
    });
    await store.createUnit(
      'caojiadu',
      { kind: 'street', name: '曹家渡街道', communities: ['三和居委会'] },
      admin,
    );

    const changed = await store.updateUnit(
      'housing',
      { name: '区住房保障和房屋管理局', nameEn: null },
      admin,
    );
    expect(changed).toMatchObject({
      name: '区住房保障和房屋管理局',
      nameEn: null,
      duties: '物业管理',
      active: true,
    });
    expect(await store.updateUnit('caojiadu', { active: false }, admin)).toMatchObject({ active: false });
    expect(await refused(store.updateUnit('nowhere', { active: false }, admin))).toMatchObject({
      kind: 'not-found',
    });

    expect((await store.listUnits({ kind: 'street' })).map((u) => u.code)).toEqual(['caojiadu']);
    expect((await store.listUnits({ active: true })).map((u) => u.code)).toEqual(['gov-office', 'housing']);
    expect(await store.getUnit('caojiadu')).toMatchObject({ kind: 'street', communities: ['三和居委会'] });
    expect(await store.getUnit('nowhere')).toBeNull();
    expect(await store.unitCodes(true)).toEqual(new Set(['gov-office', 'housing']));
    expect(await store.unitCodes(false)).toEqual(new Set(['gov-office', 'housing', 'caojiadu']));
  });

  it('registers policies whose drafter is an active unit, with their service items; a 文号 twice is a conflict', async () => {
    const policy = await store.createPolicy(
      {
        docNo: '静房管规〔2026〕1号',
        title: '关于加装电梯的实施意见',
        drafterCode: 'housing',
        issuedOn: '2026-03-01',
        topics: ['加装电梯'],
        serviceItems: [{ name: '加装电梯审批', url: 'https://zwdt.sh.gov.cn/item/1' }],
      },
      admin,
    );
    expect(policy).toMatchObject({
      docNo: '静房管规〔2026〕1号',
      drafterCode: 'housing',
      drafterName: '区住房保障和房屋管理局',
      issuedOn: '2026-03-01',
      serviceItems: [{ name: '加装电梯审批', url: 'https://zwdt.sh.gov.cn/item/1' }],
    });
    expect(await store.getPolicy(policy.id)).toEqual(policy);
    expect(await store.getPolicy('not-a-uuid')).toBeNull();

    const base = { title: 't', issuedOn: null };
    expect(
      await refused(
        store.createPolicy({ ...base, docNo: '静房管规〔2026〕1号', drafterCode: 'housing' }, admin),
      ),
    ).toMatchObject({ kind: 'conflict', field: 'docNo' });
    expect(
      await refused(
        store.createPolicy({ ...base, docNo: '静府发〔2026〕9号', drafterCode: 'nowhere' }, admin),
      ),
    ).toMatchObject({ kind: 'invalid', field: 'drafterCode', message: 'no unit nowhere in the directory' });
    expect(
      await refused(
        store.createPolicy({ ...base, docNo: '静府发〔2026〕9号', drafterCode: 'caojiadu' }, admin),
      ),
    ).toMatchObject({ kind: 'invalid', field: 'drafterCode', message: 'unit caojiadu is deactivated' });

    const other = await store.createPolicy(
      { docNo: '静府办发〔2026〕4号', title: '政务公开工作方案 100%', drafterCode: 'gov-office' },
      admin,
    );
    expect(
      await refused(store.updatePolicy(other.id, { docNo: '静房管规〔2026〕1号' }, admin)),
    ).toMatchObject({
      kind: 'conflict',
    });
    const moved = await store.updatePolicy(
      other.id,
      { drafterCode: 'housing', issuedOn: '2026-04-30' },
      admin,
    );
    expect(moved).toMatchObject({
      drafterCode: 'housing',
      title: '政务公开工作方案 100%',
      issuedOn: '2026-04-30',
    });
    expect(
      await refused(store.updatePolicy('00000000-0000-0000-0000-000000000000', { title: 'x' }, admin)),
    ).toMatchObject({ kind: 'not-found' });

    expect((await store.listPolicies({ q: '电梯', offset: 0, limit: 20 })).items.map((p) => p.id)).toEqual([
      policy.id,
    ]);
    expect((await store.listPolicies({ q: '静府办发', offset: 0, limit: 20 })).total).toBe(1);
    expect((await store.listPolicies({ q: '100%', offset: 0, limit: 20 })).total).toBe(1);
    expect((await store.listPolicies({ q: '%', offset: 0, limit: 20 })).total).toBe(1); // a literal %
    expect((await store.listPolicies({ drafter: 'housing', offset: 0, limit: 1 })).total).toBe(2);

    // A unit that drafts policies cannot be deactivated until they have another drafter.
    expect(await refused(store.updateUnit('housing', { active: false }, admin))).toMatchObject({
      kind: 'conflict',
      field: 'active',
    });
  });

  it('imports units and policies row by row: the good rows are upserted, the bad ones reported', async () => {
    const report = await store.importDirectory(
      [
        { section: 'departments', row: 1, code: 'drc', fields: { kind: 'department', name: '区发改委' } },
        {
          section: 'departments',
          row: 2,
          code: 'housing',
          fields: { kind: 'department', name: '区房管局', active: false },
        },
        {
          section: 'departments',
          row: 3,
          code: 'gov-office',
          fields: { kind: 'department', name: '区人民政府办公室' },
        },
        {
          section: 'streets',
          row: 1,
          code: 'caojiadu',
          fields: { kind: 'street', name: '曹家渡街道', active: true },
        },
      ],
      [
        {
          row: 1,
          drafterField: 'drafter',
          fields: { docNo: '静发改规〔2026〕2号', title: '新政策', drafterCode: 'drc' },
        },
        {
          row: 2,
          drafterField: 'drafter',
          fields: {
            docNo: '静房管规〔2026〕1号',
            title: '关于加装电梯的实施意见（修订）',
            drafterCode: 'housing',
          },
        },
        {
          row: 3,
          drafterField: 'drafter',
          fields: { docNo: '静府发〔2026〕7号', title: 'x', drafterCode: 'nowhere' },
        },
      ],
      admin,
    );
    expect(report).toEqual({
      accepted: 2,
      updated: 3,
      rejected: [
        {
          section: 'departments',
          row: 2,
          field: 'active',
          problem: expect.stringContaining('drafts policies'),
        },
        { section: 'policies', row: 3, field: 'drafter', problem: 'no unit nowhere in the directory' },
      ],
    });
    expect(await store.getUnit('drc')).toMatchObject({ name: '区发改委', active: true });
    // The refused row changed nothing, not even the name.
    expect(await store.getUnit('housing')).toMatchObject({ name: '区住房保障和房屋管理局', active: true });
    expect(await store.getUnit('gov-office')).toMatchObject({ name: '区人民政府办公室', active: true });
    expect(await store.getUnit('caojiadu')).toMatchObject({ active: true, communities: ['三和居委会'] });
    const updated = (await store.listPolicies({ q: '静房管规〔2026〕1号', offset: 0, limit: 1 })).items[0];
    expect(updated).toMatchObject({
      title: '关于加装电梯的实施意见（修订）',
      topics: ['加装电梯'],
      serviceItems: [{ name: '加装电梯审批', url: 'https://zwdt.sh.gov.cn/item/1' }],
      issuedOn: '2026-03-01',
    });
  });

  it('audits every registry write, and answers the vocabulary of the user dictionary', async () => {
    const actions = await db.query<{ action: string; actor: string }[]>(
      `SELECT action, actor FROM audit_log ORDER BY id`,
    );
    expect(new Set(actions.map((a) => a.action))).toEqual(
      new Set([
        'directory.unit-created',
        'directory.unit-updated',
        'policy.created',
        'policy.updated',
        'directory.imported',
      ]),
    );
    expect(actions.every((a) => a.actor === 'admin')).toBe(true);
    expect(await new PgAuditLog(db).verify()).toMatchObject({ ok: true });

    expect((await store.vocabulary()).units.find((u) => u.name === '曹家渡街道')?.communities).toEqual([
      '三和居委会',
    ]);
    await store.updateUnit('caojiadu', { active: false }, admin);
    const v = await store.vocabulary();
    expect(v.units.map((u) => u.name).sort()).toEqual(
      ['区人民政府办公室', '区住房保障和房屋管理局', '区发改委'].sort(),
    );
    expect(v.policies).toEqual(expect.arrayContaining([{ title: '新政策', topics: [] }]));
  });
});
