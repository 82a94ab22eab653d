import { type DataSource } from 'typeorm';
import { dropTestDatabase, testEnv } from '@hub/testing';
import { createDataSource, migrate } from '../data-source';
import { PgAuditLog } from './pg-audit.log';

describe('audit log (real PostgreSQL)', () => {
  const databaseUrl = testEnv('int').databaseUrl.replace(/hub_test_int$/, 'hub_test_int_audit');
  let db: DataSource;
  let audit: PgAuditLog;

  beforeAll(async () => {
    await dropTestDatabase(databaseUrl);
    await migrate(databaseUrl);
    db = await createDataSource(databaseUrl).initialize();
    audit = new PgAuditLog(db);
  });

  afterAll(async () => {
    await db?.destroy();
  });

  const entry = (i: number) => ({
    occurredAt: new Date(Date.UTC(2026, 10, 28, 2, 0, i)).toISOString(),
    actor: `user-${i % 3}`,
    role: 'staff',
    action: 'case.accepted',
    caseId: null,
    detail: { i, text: '签收' },
  });

  it('keeps one unbroken chain when many transactions append at once', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => audit.record(entry(i))));
    const check = await audit.verify(7); // several batches
    expect(check).toMatchObject({ ok: true, checked: 40 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(db.query(`UPDATE audit_log SET actor = 'someone-else'`)).rejects.toThrow('append-only');
    await expect(db.query(`DELETE FROM audit_log`)).rejects.toThrow('append-only');
    await expect(db.query(`TRUNCATE audit_log`)).rejects.toThrow('append-only');
  });

  it('finds an entry changed behind the trigger’s back, and one removed', async () => {
    const [{ id }] = await db.query<{ id: string }[]>(
      `SELECT id FROM audit_log ORDER BY id OFFSET 10 LIMIT 1`,
    );
    // A database superuser can switch the trigger off; the chain still tells.
    await db.query(`ALTER TABLE audit_log DISABLE TRIGGER tr_audit_log_append_only`);
    try {
      await db.query(`UPDATE audit_log SET body = replace(body, '签收', '退单') WHERE id = $1`, [id]);
      expect(await audit.verify()).toMatchObject({ ok: false, brokenAt: String(id), checked: 10 });
      await db.query(`UPDATE audit_log SET body = replace(body, '退单', '签收') WHERE id = $1`, [id]);
      expect(await audit.verify()).toMatchObject({ ok: true });
      await db.query(`DELETE FROM audit_log WHERE id = $1`, [id]);
      const check = await audit.verify();
      expect(check).toMatchObject({ ok: false, reason: expect.stringContaining('removed') });
    } finally {
      await db.query(`ALTER TABLE audit_log ENABLE TRIGGER tr_audit_log_append_only`);
    }
  });
});
