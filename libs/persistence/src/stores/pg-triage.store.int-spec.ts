import { type DataSource } from 'typeorm';
import { type DirectoryVocabulary } from '@hub/text';
import { dropTestDatabase, testEnv } from '@hub/testing';
import { createDataSource, migrate } from '../data-source';
import { PgDirectoryStore, RegistryError } from './pg-directory.store';
import { PgTriageStore } from './pg-triage.store';

const admin = { username: 'admin', role: 'admin' };
const model = (n: number) => ({
  labels: ['a', 'b'],
  model: { n },
  metrics: { macroF1: n / 10 },
  trainedOn: n,
});

describe('PgTriageStore: directory cache and model registry (real PostgreSQL)', () => {
  const databaseUrl = testEnv('int').databaseUrl.replace(/hub_test_int$/, 'hub_test_int_triage_store');
  let db: DataSource;
  let directory: PgDirectoryStore;

  beforeAll(async () => {
    await dropTestDatabase(databaseUrl);
    await migrate(databaseUrl);
    db = await createDataSource(databaseUrl).initialize();
    directory = new PgDirectoryStore(db);
    await directory.createUnit('housing', { kind: 'department', name: '区房管局' }, admin);
    await directory.createUnit(
      'pengpu-town',
      { kind: 'street', name: '彭浦镇', communities: ['共康居委会'] },
      admin,
    );
  });

  afterAll(async () => {
    await db.destroy();
  });

  it('caches the directory for its TTL, and hands each load to onDirectory for the user dictionary', async () => {
    const loads: DirectoryVocabulary[] = [];
    const cached = new PgTriageStore(db, { ttlMs: 3_600_000, onDirectory: (v) => loads.push(v) });
    const fresh = new PgTriageStore(db, { ttlMs: 0 });
    expect(await cached.streets()).toEqual([{ code: 'pengpu-town', name: '彭浦镇' }]);
    expect(loads).toHaveLength(1);
    expect(loads[0].units).toEqual(expect.arrayContaining([{ name: '彭浦镇', communities: ['共康居委会'] }]));

    await directory.createPolicy(
      { docNo: '静房管规〔2026〕3号', title: '物业管理办法', drafterCode: 'housing', topics: ['物业管理'] },
      admin,
    );
    expect(await cached.policies()).toEqual([]); // within the TTL
    expect(await fresh.policies()).toEqual([
      { docNo: '静房管规〔2026〕3号', title: '物业管理办法', drafterCode: 'housing' },
    ]);
    await cached.refreshDirectory();
    expect((await cached.policies()).map((p) => p.drafterCode)).toEqual(['housing']);
    expect(loads[1].policies).toEqual([{ title: '物业管理办法', topics: ['物业管理'] }]);
  });

  it('activates versions and rolls back through the activation history, one step at a time', async () => {
    const store = new PgTriageStore(db);
    const v1 = await store.saveModel(model(1), true);
    const v2 = await store.saveModel(model(2), true);
    const v3 = await store.saveModel(model(3), false);
    expect((await store.active())?.version).toBe(v2);

    const listed = await store.models();
    expect(listed.map((m) => [m.version, m.active, m.previousVersion])).toEqual([
      [v3, false, null],
      [v2, true, v1],
      [v1, false, null],
    ]);
    expect(listed[0]).not.toHaveProperty('model');
    expect(listed[1]).toMatchObject({ labels: ['a', 'b'], metrics: { macroF1: 0.2 }, trainedOn: 2 });
    expect(listed[1].activatedAt).toBeInstanceOf(Date);

    expect(await store.activate(v3, admin)).toMatchObject({ version: v3, active: true, previousVersion: v2 });
    expect(await store.active()).toEqual({ version: v3, model: { n: 3 } }); // read on the next call
    await store.activate(v3, admin); // already active: nothing changes
    expect((await store.modelSummary(v3))?.previousVersion).toBe(v2);

    expect(await store.rollback(admin)).toEqual({ version: v2, from: v3 });
    expect(await store.rollback(admin)).toEqual({ version: v1, from: v2 });
    expect(await store.rollback(admin)).toBeNull(); // v1 replaced nothing
    expect((await store.active())?.version).toBe(v1);
    await expect(store.activate(999, admin)).rejects.toThrow(RegistryError);

    const audited = await db.query<{ action: string }[]>(
      `SELECT action FROM audit_log WHERE action LIKE 'classifier.%' ORDER BY id`,
    );
    expect(audited.map((a) => a.action)).toEqual([
      'classifier.model-activated',
      'classifier.rolled-back',
      'classifier.rolled-back',
    ]);
  });

  it('queues one training job at a time; one claimer gets it; done with its model or failed with the reason', async () => {
    const store = new PgTriageStore(db);
    const job = await store.requestTraining(true, admin);
    expect(job).toMatchObject({ status: 'queued', activate: true, requestedBy: 'admin', version: null });
    await expect(store.requestTraining(false, admin)).rejects.toMatchObject({ kind: 'conflict' });

    const [a, b] = await Promise.all([store.claimTraining(), store.claimTraining()]);
    expect([a?.id, b?.id].filter(Boolean)).toEqual([job.id]);
    expect(await store.training(job.id)).toMatchObject({ status: 'running' });
    await expect(store.requestTraining(false, admin)).rejects.toMatchObject({ kind: 'conflict' });

    const version = await store.saveModel(model(4), true, job.id);
    expect(await store.training(job.id)).toMatchObject({ status: 'done', version });
    expect((await store.active())?.version).toBe(version);

    const next = await store.requestTraining(false, admin);
    await store.claimTraining();
    await store.failTraining(next.id, 'at least two labels are needed');
    expect(await store.training(next.id)).toMatchObject({
      status: 'failed',
      error: 'at least two labels are needed',
    });

    const stuck = await store.requestTraining(false, admin);
    await store.claimTraining();
    expect(await store.failAbandonedTraining(60_000)).toBe(0);
    expect(await store.failAbandonedTraining(0)).toBe(1);
    expect(await store.training(stuck.id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/abandoned/),
    });
    expect(await store.claimTraining()).toBeNull();
    expect(await store.training('nope')).toBeNull();
  });

  it('stores imported training examples, replacing one imported before under the same id', async () => {
    const store = new PgTriageStore(db);
    expect(
      await store.importExamples(
        [
          { externalId: 'x1', title: '电梯', content: '电梯坏了', label: 'housing' },
          { externalId: null, title: null, content: '油烟', label: 'pengpu-town' },
        ],
        admin,
      ),
    ).toEqual({ accepted: 2, updated: 0 });
    expect(
      await store.importExamples(
        [{ externalId: 'x1', title: null, content: '电梯一直坏', label: 'housing' }],
        admin,
      ),
    ).toEqual({ accepted: 0, updated: 1 });
    const examples = await store.trainingExamples();
    expect(examples.map((e) => [e.content, e.label, e.source])).toEqual([
      ['电梯一直坏', 'housing', 'import'],
      ['油烟', 'pengpu-town', 'import'],
    ]);
    expect(await store.activeUnitCodes()).toEqual(new Set(['housing', 'pengpu-town']));
  });
});
