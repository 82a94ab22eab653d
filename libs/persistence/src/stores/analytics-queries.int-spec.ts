import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { dropTestDatabase, testEnv } from '@hub/testing';
import { createDataSource, migrate } from '../data-source';
import { AnalyticsQueries, type HotTopicsFilter, monthPeriod } from './analytics-queries';

/** China time: `china('2026-11-14T09:00')`. */
const china = (s: string) => new Date(`${s}:00+08:00`);
const HOUR = 3600 * 1000;

interface CaseSeed {
  channel?: string;
  dept?: string | null;
  status?: string;
  street?: string | null;
}

/**
 * Hot topics at 2026-11-20 00:00 (China), weekly windows [10-16, 10-23) … [11-13, 11-20); each
 * window's cases arrive on its second day (10-17, 10-24, 10-31, 11-07, 11-14), one an hour:
 * - A 停车收费: 2 a week, then 10 (3 board posts in gov-office, one merged duplicate, one via the
 *   merged-away cluster D, two naming 曹家渡); its answer v1 published 11-07 and replaced by v2 on 11-15;
 * - B 垃圾分类收费: a steady 20 a week, answered only on 11-25;
 * - C 停车 (gov-office): 1 a week, then 2;
 * - E 噪音: 4 in the first window only; G: 5 on 11-25, after the hot-topics window.
 * Volume: seven cases in March, outside every cluster.
 */
describe('AnalyticsQueries (real PostgreSQL)', () => {
  const databaseUrl = testEnv('int').databaseUrl.replace(/hub_test_int$/, 'hub_test_int_analytics');
  let db: DataSource;
  let analytics: AnalyticsQueries;
  const cluster: Record<string, string> = {};
  const answer: Record<string, string> = {};
  const at = china('2026-11-20T00:00');
  const windowDays = ['2026-10-17', '2026-10-24', '2026-10-31', '2026-11-07', '2026-11-14'];
  const week: HotTopicsFilter = { window: 'week', at, limit: 20 };
  let seq = 0;

  async function insertCase(receivedAt: Date, s: CaseSeed = {}): Promise<string> {
    const id = randomUUID();
    const messageId = randomUUID();
    const channel = s.channel ?? 'hotline';
    const ref = `T${++seq}`;
    await db.query(
      `INSERT INTO message (id, channel, external_ref, case_id, content, received_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [messageId, channel, ref, id, `内容 ${ref}`, receivedAt],
    );
    await db.query(
      `INSERT INTO case_record (id, message_id, channel, external_ref, status, department_code, title, content,
                                street, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        messageId,
        channel,
        ref,
        s.status ?? 'assigned',
        s.dept === undefined ? 'housing' : s.dept,
        `标题 ${ref}`,
        `内容 ${ref}`,
        s.street ?? null,
        receivedAt,
      ],
    );
    return id;
  }

  async function insertCluster(name: string, title: string, keyTerms: string[], mergedInto?: string) {
    cluster[name] = randomUUID();
    await db.query(
      `INSERT INTO question_cluster (id, title, key_terms, member_count, first_at, last_at, merged_into)
       VALUES ($1, $2, $3, 0, $4, $4, $5)`,
      [cluster[name], title, keyTerms, china('2026-10-01T00:00'), mergedInto ? cluster[mergedInto] : null],
    );
  }

  /** `count` cases of a cluster on `day`, from 00:00 one an hour (starting at hour `from`). */
  async function members(name: string, day: string, count: number, s: CaseSeed = {}, from = 0) {
    for (let i = 0; i < count; i++) {
      const caseId = await insertCase(new Date(china(`${day}T00:00`).getTime() + (from + i) * HOUR), s);
      await db.query(
        `INSERT INTO cluster_member (case_id, cluster_id, similarity, placed_by) VALUES ($1, $2, 0.8, 'test')`,
        [caseId, cluster[name]],
      );
    }
  }

  async function insertAnswer(name: string, ref: string, status: string, reviewedAt: Date | null) {
    answer[ref] = randomUUID();
    await db.query(
      `INSERT INTO shared_answer (id, cluster_id, department_code, text, status, drafted_by, reviewed_at)
       VALUES ($1, $2, 'housing', $3, $4, 'housing.staff', $5)`,
      [answer[ref], cluster[name], `统一回应 ${ref}`, status, reviewedAt],
    );
  }

  beforeAll(async () => {
    await dropTestDatabase(databaseUrl);
    await migrate(databaseUrl);
    db = await createDataSource(databaseUrl).initialize();
    analytics = new AnalyticsQueries(db);
    await db.query(
      `INSERT INTO department (code, kind, name) VALUES ('housing', 'department', '区房管局'),
         ('gov-office', 'department', '区政府办公室'), ('caojiadu', 'street', '曹家渡街道')`,
    );
    await insertCluster('A', '停车收费', ['停车', '收费']);
    await insertCluster('B', '垃圾分类收费', ['垃圾分类', '收费']);
    await insertCluster('C', '停车', ['停车']);
    await insertCluster('D', '停车位', ['停车位'], 'A');
    await insertCluster('E', '噪音', ['噪音']);
    await insertCluster('G', '学区', ['学区']);
    for (const day of windowDays.slice(0, 4)) {
      await members('A', day, 2);
      await members('C', day, 1, { dept: 'gov-office' });
    }
    for (const day of windowDays) await members('B', day, 20);
    await members('A', '2026-11-14', 3, { channel: 'board', dept: 'gov-office' });
    await members('A', '2026-11-14', 1, { status: 'merged' }, 3);
    await members('A', '2026-11-14', 2, { street: '曹家渡' }, 4);
    await members('A', '2026-11-14', 3, {}, 6);
    await members('D', '2026-11-14', 1, {}, 9);
    await members('C', '2026-11-14', 2, { dept: 'gov-office' });
    await members('E', '2026-10-17', 4);
    await members('G', '2026-11-25', 5);
    await insertAnswer('A', 'A1', 'withdrawn', china('2026-11-07T00:00'));
    await insertAnswer('A', 'A2', 'approved', china('2026-11-15T10:00'));
    await insertAnswer('B', 'B1', 'approved', china('2026-11-25T10:00'));
    await insertAnswer('C', 'C1', 'pending', null);

    // Volume, March 2026 (Sunday the 1st): not in any cluster.
    await insertCase(china('2026-03-02T09:00'), { street: '曹家渡街道' });
    await insertCase(new Date('2026-03-02T23:59:59+08:00'), { street: 'caojiadu' });
    await insertCase(china('2026-03-03T00:00'), { channel: 'board', dept: 'gov-office' });
    await insertCase(china('2026-03-09T10:00'), { channel: 'portal', dept: 'caojiadu' });
    await insertCase(china('2026-03-31T23:00'), {
      dept: null,
      status: 'pending-dispatch',
      street: '南京西路',
    });
    await insertCase(china('2026-03-02T10:00'), { status: 'merged' });
    await insertCase(new Date('2026-02-28T23:59:59+08:00'), { street: '曹家渡' });
  });

  afterAll(async () => {
    await db.destroy();
  });

  const brief = (items: { id: string; series: number[] }[]) =>
    items.map((i) => [Object.keys(cluster).find((k) => cluster[k] === i.id), i.series]);

  it('counts each weekly window exactly and ranks 2 → 10 above a steady 20, and 1 → 2 below both', async () => {
    const r = await analytics.hotTopics(week);
    expect(r.windows.map((w) => [w.from, w.to])).toEqual([
      [china('2026-10-16T00:00'), china('2026-10-23T00:00')],
      [china('2026-10-23T00:00'), china('2026-10-30T00:00')],
      [china('2026-10-30T00:00'), china('2026-11-06T00:00')],
      [china('2026-11-06T00:00'), china('2026-11-13T00:00')],
      [china('2026-11-13T00:00'), china('2026-11-20T00:00')],
    ]);
    // D was merged into A: not listed, its case counts for A; the merged duplicate counts too.
    // E has nothing in the current window, G nothing before 11-20.
    expect(brief(r.items)).toEqual([
      ['A', [2, 2, 2, 2, 10]],
      ['B', [20, 20, 20, 20, 20]],
      ['C', [1, 1, 1, 1, 2]],
    ]);
    const [a, b, c] = r.items;
    expect(a).toMatchObject({
      title: '停车收费',
      keyTerms: ['停车', '收费'],
      rise: { current: 10, baseline: 2, growth: 5, score: 2.1429, rising: true },
      byChannel: [
        { channel: 'hotline', label: '12345热线', count: 7 },
        { channel: 'board', label: '网站留言板', count: 3 },
      ],
      sharedAnswer: {
        id: answer.A2,
        departmentCode: 'housing',
        departmentName: '区房管局',
        publishedAt: china('2026-11-15T10:00'),
        firstPublishedAt: china('2026-11-07T00:00'),
      },
    });
    expect(b.rise).toEqual({ current: 20, baseline: 20, growth: 1, score: 1, rising: false });
    expect(b.sharedAnswer).toBeNull(); // published after the window
    // C's smoothed score beats B's, but with fewer than 3 cases it comes after every larger cluster.
    expect(c.rise).toEqual({ current: 2, baseline: 1, growth: 2, score: 1.1667, rising: false });
    expect(c.rise.score).toBeGreaterThan(b.rise.score);
    expect(c.sharedAnswer).toBeNull(); // pending

    expect((await analytics.hotTopics({ ...week, limit: 1 })).items.map((i) => i.id)).toEqual([cluster.A]);
  });

  it('ranks the key terms the same way, weighted by their clusters’ window counts', async () => {
    const { terms } = await analytics.hotTopics(week);
    expect(terms).toEqual([
      {
        term: '停车',
        clusters: 2,
        series: [3, 3, 3, 3, 12],
        rise: { current: 12, baseline: 3, growth: 4, score: 2.125, rising: true },
      },
      {
        term: '收费',
        clusters: 2,
        series: [22, 22, 22, 22, 30],
        rise: { current: 30, baseline: 22, growth: 1.3636, score: 1.2963, rising: true },
      },
      {
        term: '垃圾分类',
        clusters: 1,
        series: [20, 20, 20, 20, 20],
        rise: { current: 20, baseline: 20, growth: 1, score: 1, rising: false },
      },
    ]);
  });

  it('uses 30-day windows for month, and an earlier end shows the state then', async () => {
    const month = await analytics.hotTopics({ ...week, window: 'month' });
    expect(month.windows[4]).toEqual({ from: china('2026-10-21T00:00'), to: at });
    const a = month.items.find((i) => i.id === cluster.A)!;
    expect(a.series).toEqual([0, 0, 0, 2, 16]);
    expect(a.rise).toMatchObject({ current: 16, baseline: 0.5, growth: 16 });

    const earlier = await analytics.hotTopics({ ...week, at: china('2026-11-14T05:00') });
    const aThen = earlier.items.find((i) => i.id === cluster.A)!;
    // Windows end at 05:00: [11-07 05:00, 11-14 05:00) holds the five cases of 11-14 00:00–04:00.
    expect(aThen.series).toEqual([2, 2, 2, 2, 5]);
    expect(aThen.sharedAnswer).toBeNull(); // v1 was withdrawn, v2 not published yet
  });

  it('filters by channel, department and street, and a department scope counts only that unit', async () => {
    const board = await analytics.hotTopics({ ...week, channel: 'board' });
    expect(brief(board.items)).toEqual([['A', [0, 0, 0, 0, 3]]]);
    const street = await analytics.hotTopics({ ...week, street: 'caojiadu' });
    expect(brief(street.items)).toEqual([['A', [0, 0, 0, 0, 2]]]);
    const staff = await analytics.hotTopics({ ...week, departmentScope: ['gov-office'] });
    expect(brief(staff.items)).toEqual([
      ['A', [0, 0, 0, 0, 3]],
      ['C', [1, 1, 1, 1, 2]],
    ]);
    expect(staff.items[0].rise).toMatchObject({ growth: 3, score: 1.6, rising: true });
    expect(staff.terms.map((t) => [t.term, t.rise.current])).toEqual([
      ['停车', 5],
      ['收费', 3],
    ]);
    const elsewhere = await analytics.hotTopics({
      ...week,
      department: 'housing',
      departmentScope: ['gov-office'],
    });
    expect(elsewhere.items).toEqual([]);
    expect(elsewhere.terms).toEqual([]);
  });

  it('lists 每月一题 by the month’s cases with weekly trends and the cases before and after the answer', async () => {
    const r = await analytics.monthlyQuestions({
      month: monthPeriod('2026-11'),
      asOf: china('2026-12-10T12:00'),
      limit: 10,
    });
    expect(r.month).toEqual({ from: china('2026-11-01T00:00'), to: china('2026-12-01T00:00') });
    expect(r.weeks).toHaveLength(8);
    expect(r.weeks[0].from).toEqual(china('2026-10-06T00:00'));
    expect(r.weeks[7]).toEqual({ from: china('2026-11-24T00:00'), to: china('2026-12-01T00:00') });
    expect(
      r.items.map((i) => [Object.keys(cluster).find((k) => cluster[k] === i.id), i.rank, i.count]),
    ).toEqual([
      ['B', 1, 40],
      ['A', 2, 12],
      ['G', 3, 5],
      ['C', 4, 3],
    ]);
    const [b, a, g, c] = r.items;
    expect(b.weekly).toEqual([0, 20, 20, 20, 20, 20, 0, 0]);
    expect(b.sharedAnswer).toEqual({
      id: answer.B1,
      departmentCode: 'housing',
      departmentName: '区房管局',
      publishedAt: china('2026-11-25T10:00'),
      firstPublishedAt: china('2026-11-25T10:00'),
      before: 60,
      after: 0,
      afterComplete: false, // 28 days after 11-25 are not over on 12-10
    });
    expect(a.weekly).toEqual([0, 2, 2, 2, 2, 10, 0, 0]);
    expect(a.byChannel.map((x) => [x.channel, x.count])).toEqual([
      ['hotline', 9],
      ['board', 3],
    ]);
    // First answered 11-07 00:00 (v1, since replaced): 6 cases in the 28 days before, 12 after.
    expect(a.sharedAnswer).toMatchObject({
      id: answer.A2,
      firstPublishedAt: china('2026-11-07T00:00'),
      before: 6,
      after: 12,
      afterComplete: true,
    });
    expect(g.weekly).toEqual([0, 0, 0, 0, 0, 0, 0, 5]);
    expect(g.sharedAnswer).toBeNull();
    expect(c.weekly).toEqual([0, 1, 1, 1, 1, 2, 0, 0]);

    const top2 = await analytics.monthlyQuestions({
      month: monthPeriod('2026-11'),
      asOf: china('2026-12-10T12:00'),
      limit: 2,
    });
    expect(top2.items.map((i) => i.id)).toEqual([cluster.B, cluster.A]);
  });

  it('ends the trend today in the current month, and filters 每月一题 like hot topics', async () => {
    const current = await analytics.monthlyQuestions({
      month: monthPeriod('2026-11'),
      asOf: china('2026-11-20T12:00'),
      limit: 10,
      channel: 'board',
    });
    expect(current.weeks[7].to).toEqual(china('2026-11-21T00:00'));
    expect(current.items.map((i) => [i.id, i.count, i.weekly])).toEqual([
      [cluster.A, 3, [0, 0, 0, 0, 0, 0, 0, 3]],
    ]);
    expect(current.items[0].sharedAnswer).toMatchObject({ before: 0, after: 3, afterComplete: false });
    const staff = await analytics.monthlyQuestions({
      month: monthPeriod('2026-11'),
      asOf: china('2026-12-10T12:00'),
      limit: 10,
      departmentScope: ['gov-office'],
    });
    expect(staff.items.map((i) => [i.id, i.count])).toEqual([
      [cluster.A, 3], // its latest case is later than C's
      [cluster.C, 3],
    ]);
  });

  it('gives volume series per street, unit and channel in China-time buckets; merged duplicates excluded', async () => {
    const march = { from: china('2026-03-01T00:00'), to: china('2026-04-01T00:00') };
    const byStreet = await analytics.volume({ ...march, groupBy: 'street', interval: 'week' });
    expect(byStreet.buckets.map((b) => [b.key, b.label])).toEqual([
      ['2026-W09', '2026年第9周'],
      ['2026-W10', '2026年第10周'],
      ['2026-W11', '2026年第11周'],
      ['2026-W12', '2026年第12周'],
      ['2026-W13', '2026年第13周'],
      ['2026-W14', '2026年第14周'],
    ]);
    expect(byStreet.buckets[0]).toMatchObject({ from: march.from, to: china('2026-03-02T00:00') });
    expect(byStreet.buckets[5]).toMatchObject({ from: china('2026-03-30T00:00'), to: march.to });
    expect(byStreet.groups).toEqual([
      { key: 'caojiadu', label: '曹家渡街道', total: 3, counts: [0, 2, 1, 0, 0, 0] },
      { key: '南京西路', label: '南京西路', total: 1, counts: [0, 0, 0, 0, 0, 1] },
      { key: null, label: '未注明街道', total: 1, counts: [0, 1, 0, 0, 0, 0] },
    ]);
    expect(byStreet).toMatchObject({ total: 5, totals: [0, 3, 1, 0, 0, 1] });

    const byUnit = await analytics.volume({
      from: march.from,
      to: china('2026-03-04T00:00'),
      groupBy: 'department',
      interval: 'day',
    });
    expect(byUnit.buckets.map((b) => b.key)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(byUnit.buckets[1].label).toBe('2026年3月2日');
    expect(byUnit.groups).toEqual([
      { key: 'housing', label: '区房管局', total: 2, counts: [0, 2, 0] },
      { key: 'gov-office', label: '区政府办公室', total: 1, counts: [0, 0, 1] },
    ]);

    const byChannel = await analytics.volume({ ...march, groupBy: 'channel', interval: 'month' });
    expect(byChannel.buckets.map((b) => [b.key, b.label])).toEqual([['2026-03', '2026年3月']]);
    expect(byChannel.groups.map((g) => [g.key, g.label, g.total])).toEqual([
      ['hotline', '12345热线', 3],
      ['board', '网站留言板', 1],
      ['portal', '国务院平台转办', 1],
    ]);
    const unassigned = await analytics.volume({ ...march, groupBy: 'department', interval: 'month' });
    expect(unassigned.groups.find((g) => g.key === null)).toMatchObject({
      label: '待派单（未确定承办单位）',
      total: 1,
    });

    const staff = await analytics.volume({
      ...march,
      groupBy: 'street',
      interval: 'month',
      departmentScope: ['housing'],
    });
    expect(staff.groups).toEqual([{ key: 'caojiadu', label: '曹家渡街道', total: 2, counts: [2] }]);
  });
});
