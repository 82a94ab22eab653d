import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { CaseDeadlines, CaseWorkflowUseCase } from '@hub/cases';
import { type Clock, randomIds } from '@hub/config';
import { WorkCalendar } from '@hub/deadlines';
import { createDataSource, migrate, PgWorkflowStore } from '@hub/persistence';
import { dropTestDatabase, testEnv } from '@hub/testing';
import { SlaMonitor } from './sla-monitor';

/**
 * The SLA monitor against the real database: warnings and breaches go out once per deadline even
 * with two instances sweeping at the same time and a restart in between, because the case row (not
 * a timer) remembers what was sent.
 */
describe('SLA monitor (real PostgreSQL)', () => {
  const databaseUrl = testEnv('int').databaseUrl.replace(/hub_test_int$/, 'hub_test_int_sla');
  let db: DataSource;
  let now = new Date('2026-12-02T10:00:00+08:00');
  const clock: Clock = { now: () => now };

  const monitor = () => {
    const store = new PgWorkflowStore(db);
    const workflow = new CaseWorkflowUseCase(
      store,
      new CaseDeadlines(WorkCalendar.chinese()),
      clock,
      randomIds,
    );
    return new SlaMonitor(store, workflow, clock, 1000);
  };

  async function openCase(warnAt: string, dueAt: string, status = 'accepted'): Promise<string> {
    const id = randomUUID();
    const messageId = randomUUID();
    await db.query(
      `INSERT INTO message (id, channel, external_ref, case_id, content, received_at) VALUES ($1, 'hotline', $2, $3, '内容', $4)`,
      [messageId, `t-${id}`, id, '2026-11-30T09:00:00+08:00'],
    );
    await db.query(
      `INSERT INTO case_record (id, message_id, channel, external_ref, status, department_code, content, received_at, warn_at, due_at)
       VALUES ($1, $2, 'hotline', $3, $4, 'housing', '内容', $5, $6, $7)`,
      [id, messageId, `t-${id}`, status, '2026-11-30T09:00:00+08:00', warnAt, dueAt],
    );
    return id;
  }

  const events = async (caseId: string) =>
    (
      await db.query<{ payload: string }[]>(`SELECT payload FROM outbox WHERE key = $1 ORDER BY id`, [caseId])
    ).map((r) => (JSON.parse(r.payload) as { type: string }).type);

  beforeAll(async () => {
    await dropTestDatabase(databaseUrl);
    await migrate(databaseUrl);
    db = await createDataSource(databaseUrl).initialize();
  });

  afterAll(async () => {
    await db?.destroy();
  });

  it('sends each warning and breach once, whatever runs at the same time or restarts', async () => {
    const soon = await openCase('2026-12-02T09:00:00+08:00', '2026-12-03T17:30:00+08:00'); // warning due
    const late = await openCase('2026-12-01T09:00:00+08:00', '2026-12-02T09:30:00+08:00'); // already breached
    const quiet = await openCase('2026-12-03T09:00:00+08:00', '2026-12-04T17:30:00+08:00'); // nothing yet
    const answered = await openCase('2026-12-01T09:00:00+08:00', '2026-12-02T09:30:00+08:00', 'replied');
    await db.query(`UPDATE case_record SET replied_at = now() WHERE id = $1`, [answered]);

    const [a, b] = await Promise.all([monitor().sweep(), monitor().sweep()]); // two instances
    expect(a.warnings + b.warnings).toBe(1);
    expect(a.breaches + b.breaches).toBe(1);
    expect(await monitor().sweep()).toEqual({ warnings: 0, breaches: 0 }); // "after a restart"
    expect(await events(soon)).toEqual(['case.sla-warning']);
    expect(await events(late)).toEqual(['case.sla-breached']); // no late warning after the breach
    expect(await events(quiet)).toEqual([]);
    expect(await events(answered)).toEqual([]);

    // Time passes: the soon case breaches, once.
    now = new Date('2026-12-03T17:30:00+08:00');
    await Promise.all([monitor().sweep(), monitor().sweep()]);
    expect(await events(soon)).toEqual(['case.sla-warning', 'case.sla-breached']);
    const [{ version }] = await db.query<{ version: number }[]>(
      `SELECT version FROM case_record WHERE id = $1`,
      [soon],
    );
    expect(version).toBe(3);
    const notes = await db.query<{ kind: string; role: string }[]>(
      `SELECT kind, role FROM notification WHERE case_id = $1 ORDER BY id`,
      [soon],
    );
    expect(notes.map((n) => `${n.kind}:${n.role}`)).toEqual([
      'sla-warning:staff',
      'sla-warning:lead',
      'sla-warning:supervisor',
      'sla-breach:staff',
      'sla-breach:lead',
      'sla-breach:supervisor',
    ]);
  });
});
