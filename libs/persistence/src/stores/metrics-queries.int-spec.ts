import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { dropTestDatabase, testEnv } from '@hub/testing';
import { createDataSource, migrate } from '../data-source';
import { type MetricsFilter, MetricsQueries } from './metrics-queries';

/** China time on a March 2026 day: `t(2, '09:00')` is 2026-03-02 09:00 +08:00. */
const t = (day: number, hhmm = '09:00') =>
  new Date(`2026-03-${String(day).padStart(2, '0')}T${hhmm}:00+08:00`);

interface Seed {
  ref: string;
  channel?: string;
  dept: string | null;
  status: string;
  receivedAt: Date;
  firstResponseDueAt?: Date;
  dueAt?: Date;
  acceptedAt?: Date;
  repliedAt?: Date;
  breachedFor?: Date;
  extendedDays?: number;
  reopenCount?: number;
  mergedInto?: string;
  feedback?: { visitedAt: Date; reached: boolean; resolved?: string; satisfaction?: string }[];
}

describe('MetricsQueries (real PostgreSQL)', () => {
  const databaseUrl = testEnv('int').databaseUrl.replace(/hub_test_int$/, 'hub_test_int_metrics');
  let db: DataSource;
  let metrics: MetricsQueries;
  const ids = new Map<string, string>();
  const asOf = t(10, '12:00');
  const march: MetricsFilter = { from: t(1, '00:00'), to: t(11, '00:00'), asOf };

  async function insert(s: Seed): Promise<void> {
    const id = randomUUID();
    const messageId = randomUUID();
    const channel = s.channel ?? 'hotline';
    ids.set(s.ref, id);
    await db.query(
      `INSERT INTO message (id, channel, external_ref, case_id, content, received_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [messageId, channel, s.ref, id, `内容 ${s.ref}`, s.receivedAt],
    );
    await db.query(
      `INSERT INTO case_record (id, message_id, channel, external_ref, status, department_code, title, content, received_at,
                                first_response_due_at, due_at, accepted_at, replied_at, sla_breached_for, extended_days,
                                reopen_count, merged_into)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        id,
        messageId,
        channel,
        s.ref,
        s.status,
        s.dept,
        `标题 ${s.ref}`,
        `内容 ${s.ref}`,
        s.receivedAt,
        s.firstResponseDueAt ?? null,
        s.dueAt ?? null,
        s.acceptedAt ?? null,
        s.repliedAt ?? null,
        s.breachedFor ?? null,
        s.extendedDays ?? 0,
        s.reopenCount ?? 0,
        s.mergedInto ?? null,
      ],
    );
    for (const f of s.feedback ?? []) {
      await db.query(
        `INSERT INTO case_feedback (case_id, ticket_id, visited_at, reached, resolved, satisfaction)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, s.ref, f.visitedAt, f.reached, f.resolved ?? null, f.satisfaction ?? null],
      );
    }
  }

  const refs = (rows: { externalRef: string }[]) => rows.map((r) => r.externalRef);

  beforeAll(async () => {
    await dropTestDatabase(databaseUrl);
    await migrate(databaseUrl);
    db = await createDataSource(databaseUrl).initialize();
    metrics = new MetricsQueries(db);
    await db.query(
      `INSERT INTO department (code, kind, name) VALUES ('housing', 'department', '区房管局'),
         ('gov-office', 'department', '区政府办公室'), ('caojiadu', 'street', '曹家渡街道')`,
    );
    // 区房管局: accepted and replied on time, resolved and satisfied.
    await insert({
      ref: 'H1',
      dept: 'housing',
      status: 'closed',
      receivedAt: t(2),
      firstResponseDueAt: t(3),
      acceptedAt: t(2, '10:00'),
      dueAt: t(9, '17:30'),
      repliedAt: t(5), // 72 h
      feedback: [{ visitedAt: t(6), reached: true, resolved: 'resolved', satisfaction: 'satisfied' }],
    });
    // Accepted late, replied late (breach event out); the latest reached call is unresolved and
    // dissatisfied (an earlier good one and a later unreached one do not count).
    await insert({
      ref: 'H2',
      dept: 'housing',
      status: 'replied',
      receivedAt: t(2, '10:00'),
      firstResponseDueAt: t(3),
      acceptedAt: t(4),
      dueAt: t(9, '17:30'),
      repliedAt: t(10, '10:00'), // 192 h
      breachedFor: t(9, '17:30'),
      feedback: [
        { visitedAt: t(10, '11:00'), reached: true, resolved: 'resolved', satisfaction: 'satisfied' },
        { visitedAt: t(10, '11:30'), reached: true, resolved: 'unresolved', satisfaction: 'dissatisfied' },
        { visitedAt: t(10, '11:45'), reached: false },
      ],
    });
    // Still inside both windows: counted in no rate yet, open, not overdue.
    await insert({
      ref: 'H3',
      dept: 'housing',
      status: 'assigned',
      receivedAt: t(8),
      firstResponseDueAt: t(11),
      dueAt: t(15, '17:30'),
    });
    // Board post received at the first instant of the period (still February in UTC): never
    // accepted, past both deadlines, extended and reopened.
    await insert({
      ref: 'H4',
      channel: 'board',
      dept: 'housing',
      status: 'assigned',
      receivedAt: t(1, '00:00'),
      firstResponseDueAt: t(2, '10:00'),
      dueAt: t(8, '17:30'),
      extendedDays: 3,
      reopenCount: 1,
    });
    // A merged duplicate and a case just before the period: not counted anywhere.
    await insert({
      ref: 'H5',
      dept: 'housing',
      status: 'merged',
      receivedAt: t(3),
      firstResponseDueAt: t(4),
      dueAt: t(4),
      breachedFor: t(4),
      mergedInto: ids.get('H1'),
    });
    await insert({
      ref: 'H6',
      dept: 'housing',
      status: 'assigned',
      receivedAt: new Date('2026-02-28T23:59:59+08:00'),
      firstResponseDueAt: t(2),
      dueAt: t(6),
    });
    // 区政府办公室: a board post partly resolved but basically satisfied; a portal referral accepted
    // and replied exactly at its deadlines (on time), whose follow-up never reached the citizen.
    await insert({
      ref: 'G1',
      channel: 'board',
      dept: 'gov-office',
      status: 'replied',
      receivedAt: t(3),
      firstResponseDueAt: t(4),
      acceptedAt: t(3, '15:00'),
      dueAt: t(10, '17:30'),
      repliedAt: t(9), // 144 h
      feedback: [
        { visitedAt: t(9, '15:00'), reached: true, resolved: 'partly', satisfaction: 'basically_satisfied' },
      ],
    });
    await insert({
      ref: 'G2',
      channel: 'portal',
      dept: 'gov-office',
      status: 'closed',
      receivedAt: t(4, '09:30'),
      firstResponseDueAt: t(5),
      acceptedAt: t(5),
      dueAt: t(6, '17:30'),
      repliedAt: t(6, '17:30'), // 56 h
      feedback: [{ visitedAt: t(7), reached: false }],
    });
    // Waiting for a dispatcher past its first-response deadline.
    await insert({
      ref: 'U1',
      dept: null,
      status: 'pending-dispatch',
      receivedAt: t(5),
      firstResponseDueAt: t(6),
      dueAt: t(12, '17:30'),
    });
  });

  afterAll(async () => {
    await db.destroy();
  });

  it('counts every measure per department, with numerators and denominators; merged and out-of-period excluded', async () => {
    const { total, groups } = await metrics.report('department', march);
    expect(total).toEqual({
      received: 7,
      response: { numerator: 3, denominator: 6, rate: 0.5 },
      onTime: { numerator: 3, denominator: 5, rate: 0.6 },
      resolution: { numerator: 1, denominator: 3, rate: 0.3333 },
      satisfaction: { numerator: 2, denominator: 3, rate: 0.6667 },
      avgHandlingHours: 116,
      replied: 4,
      breached: 1,
      open: 3,
      overdue: 1,
      extended: 1,
      reopened: 1,
    });
    expect(groups.map((g) => [g.key, g.label])).toEqual([
      ['gov-office', '区政府办公室'],
      ['housing', '区房管局'],
      [null, '待派单（未确定承办单位）'],
    ]);
    const [gov, housing, unassigned] = groups;
    expect(housing).toMatchObject({
      received: 4,
      response: { numerator: 1, denominator: 3, rate: 0.3333 },
      onTime: { numerator: 1, denominator: 3 },
      resolution: { numerator: 1, denominator: 2, rate: 0.5 },
      satisfaction: { numerator: 1, denominator: 2, rate: 0.5 },
      avgHandlingHours: 132,
      breached: 1,
      open: 2,
      overdue: 1,
      extended: 1,
      reopened: 1,
    });
    expect(gov).toMatchObject({
      received: 2,
      response: { numerator: 2, denominator: 2, rate: 1 },
      onTime: { numerator: 2, denominator: 2, rate: 1 },
      resolution: { numerator: 0, denominator: 1, rate: 0 },
      satisfaction: { numerator: 1, denominator: 1, rate: 1 },
      avgHandlingHours: 100,
      breached: 0,
      open: 0,
    });
    expect(unassigned).toMatchObject({
      received: 1,
      response: { numerator: 0, denominator: 1, rate: 0 },
      onTime: { numerator: 0, denominator: 0, rate: null },
      resolution: { numerator: 0, denominator: 0, rate: null },
      avgHandlingHours: null,
      open: 1,
    });
  });

  it('groups by channel, by month and ISO week in China time', async () => {
    const byChannel = await metrics.report('channel', march);
    expect(
      byChannel.groups.map((g) => [g.key, g.label, g.received, g.response.numerator, g.response.denominator]),
    ).toEqual([
      ['hotline', '12345热线', 4, 1, 3],
      ['board', '网站留言板', 2, 1, 2],
      ['portal', '国务院平台转办', 1, 1, 1],
    ]);
    const byMonth = await metrics.report('month', march);
    expect(byMonth.groups.map((g) => [g.key, g.label, g.received])).toEqual([['2026-03', '2026年3月', 7]]);
    const byWeek = await metrics.report('week', march);
    expect(byWeek.groups.map((g) => [g.key, g.label, g.received])).toEqual([
      ['2026-W09', '2026年第9周', 1],
      ['2026-W10', '2026年第10周', 6],
    ]);
  });

  it('filters by channel and department, and a department scope shows only that unit', async () => {
    const hotlineHousing = await metrics.report('channel', {
      ...march,
      channel: 'hotline',
      department: 'housing',
    });
    expect(hotlineHousing.total).toMatchObject({ received: 3, response: { numerator: 1, denominator: 2 } });
    const staff = await metrics.report('department', { ...march, departmentScope: ['housing'] });
    expect(staff.groups.map((g) => g.key)).toEqual(['housing']);
    expect(staff.total).toEqual(staff.groups.map(({ key: _k, label: _l, ...m }) => m)[0]);
    const elsewhere = await metrics.report('department', {
      ...march,
      department: 'gov-office',
      departmentScope: ['housing'],
    });
    expect(elsewhere.groups).toEqual([]);
    expect(elsewhere.total.received).toBe(0);
    expect(elsewhere.total.response.rate).toBeNull();
    const drill = await metrics.cases({
      ...march,
      departmentScope: ['housing'],
      measure: 'response',
      offset: 0,
      limit: 50,
    });
    expect(refs(drill.items)).toEqual(['H2', 'H1', 'H4']);
  });

  it('drills down to exactly the cases behind each number', async () => {
    const list = async (
      measure: Parameters<MetricsQueries['cases']>[0]['measure'],
      outcome?: 'met' | 'missed',
    ) => {
      const r = await metrics.cases({ ...march, measure, outcome, offset: 0, limit: 50 });
      expect(r.total).toBe(r.items.length);
      return refs(r.items);
    };
    expect(await list('response', 'missed')).toEqual(['U1', 'H2', 'H4']);
    expect(await list('response', 'met')).toEqual(['G2', 'G1', 'H1']);
    expect(await list('response')).toHaveLength(6);
    expect(await list('on-time', 'missed')).toEqual(['H2', 'H4']);
    expect(await list('on-time', 'met')).toEqual(['G2', 'G1', 'H1']);
    expect(await list('resolution', 'missed')).toEqual(['G1', 'H2']);
    expect(await list('satisfaction', 'missed')).toEqual(['H2']);
    expect(await list('satisfaction', 'met')).toEqual(['G1', 'H1']);
    expect(await list('breached')).toEqual(['H2']);
    expect(await list('overdue')).toEqual(['H4']);
    expect(await list('open')).toEqual(['H3', 'U1', 'H4']);
    expect(await list('reopened')).toEqual(['H4']);
    expect(await list('received')).toHaveLength(7);

    const page = await metrics.cases({
      ...march,
      measure: 'response',
      outcome: 'missed',
      offset: 2,
      limit: 2,
    });
    expect(page).toMatchObject({
      total: 3,
      items: [{ externalRef: 'H4', departmentCode: 'housing', channel: 'board' }],
    });
    expect(page.items[0]).toEqual({
      id: ids.get('H4'),
      channel: 'board',
      externalRef: 'H4',
      departmentCode: 'housing',
      status: 'assigned',
      receivedAt: t(1, '00:00'),
      firstResponseDueAt: t(2, '10:00'),
      dueAt: t(8, '17:30'),
      acceptedAt: null,
      repliedAt: null,
      title: '标题 H4',
    });
  });

  it('judges deadlines as of the given time: once they pass, waiting cases become misses', async () => {
    const later = await metrics.report('department', { ...march, asOf: t(20) });
    expect(later.total).toMatchObject({
      response: { numerator: 3, denominator: 7 }, // + H3, never accepted
      onTime: { numerator: 3, denominator: 7 }, // + H3 and U1, past due
      overdue: 3,
      open: 3,
    });
    const drill = await metrics.cases({ ...march, asOf: t(20), measure: 'overdue', offset: 0, limit: 10 });
    expect(refs(drill.items)).toEqual(['H3', 'U1', 'H4']);
  });
});
