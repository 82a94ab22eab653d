import { type DataSource } from 'typeorm';
import {
  parseCaseEvent,
  Topics,
  type CaseCreatedDataV1,
  type CaseEventV1,
  type ReceivedMessageV1,
} from '@hub/contracts';
import { dropTestDatabase, ReceivedMessageBuilder, testEnv } from '@hub/testing';
import { createDataSource, migrate } from './data-source';
import { MIGRATIONS } from './migrations';
import { CaseQueries } from './stores/case-queries';
import { PgCaseStore } from './stores/pg-case.store';
import { PgIntakeStore } from './stores/pg-intake.store';
import { PgOutboxStore } from './stores/pg-outbox.store';

const opening = {
  firstResponseDueAt: new Date('2026-12-01T09:00:00+08:00'),
  answer: { warnAt: new Date('2026-12-04T16:00:00+08:00') },
  explanation: { answer: { rule: 'hotline.complaint: 5 working days' } },
};

const createdEvent = (r: ReceivedMessageV1): CaseEventV1<CaseCreatedDataV1> => ({
  eventId: `ev-${r.messageId}`,
  type: 'case.created',
  version: 1,
  occurredAt: r.receivedAt,
  caseId: r.caseId,
  channel: r.channel,
  externalRef: r.externalRef,
  departmentCode: null,
  status: 'received',
  dueAt: null,
  data: {
    title: r.title,
    content: r.content,
    kind: r.kind,
    urgency: r.urgency,
    receivedAt: r.receivedAt,
    trackingCode: r.trackingCode,
    policyDocNo: r.policyDocNo,
    street: r.street,
  },
});

describe('persistence (real PostgreSQL)', () => {
  const env = testEnv('int');
  const databaseUrl = env.databaseUrl.replace(/hub_test_int$/, 'hub_test_int_persistence');
  let db: DataSource;

  beforeAll(async () => {
    await dropTestDatabase(databaseUrl);
    expect(await migrate(databaseUrl)).toEqual(MIGRATIONS.map((M) => new M().name)); // all, in order
    expect(await migrate(databaseUrl)).toEqual([]); // idempotent
    db = await createDataSource(databaseUrl).initialize();
  });

  afterAll(async () => {
    await db.destroy();
  });

  it('stores a received message, its personal data apart, and its outbox row, once per source id', async () => {
    const store = new PgIntakeStore(db);
    const event = ReceivedMessageBuilder.board().externalRef('p-1').content('电话139****5678').build();
    const record = {
      event,
      contact: { name: '张三', phone: '13912345678' },
      found: [{ kind: 'phone', value: '13912345678' }],
    };
    expect(await store.saveReceived(record)).toEqual({ created: true });
    const copy = ReceivedMessageBuilder.board().externalRef('p-1').build();
    expect(await store.saveReceived({ ...record, event: copy })).toEqual({
      created: false,
      existing: { messageId: event.messageId, caseId: event.caseId, trackingCode: null },
    });
    const [pd] = await db.query<{ name: string; phone: string; found: { value: string }[] }[]>(
      `SELECT name, phone, found FROM personal_data WHERE message_id = $1`,
      [event.messageId],
    );
    expect(pd).toEqual({
      name: '张三',
      phone: '13912345678',
      found: [{ kind: 'phone', value: '13912345678' }],
    });
    const rows = await db.query<{ payload: string }[]>(`SELECT payload FROM outbox WHERE topic = $1`, [
      Topics.messagesReceived,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].payload).not.toContain('13912345678');
  });

  it('answers concurrent copies of one message with the same ids and stores it once', async () => {
    const store = new PgIntakeStore(db);
    const copies = Array.from({ length: 8 }, () =>
      ReceivedMessageBuilder.board().externalRef('p-race').build(),
    );
    const results = await Promise.all(
      copies.map((event) => store.saveReceived({ event, contact: {}, found: [] })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const ids = new Set(results.map((r, i) => (r.created ? copies[i].caseId : r.existing.caseId)));
    expect(ids.size).toBe(1);
  });

  it('opens one case per received message however often it is delivered', async () => {
    const received = ReceivedMessageBuilder.hotline().externalRef('t-1').build();
    await new PgIntakeStore(db).saveReceived({ event: received, contact: {}, found: [] });
    const store = new PgCaseStore(db);
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => store.openCase(received, createdEvent(received), opening)),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const found = await new CaseQueries(db).get(received.caseId);
    expect(found?.case.status).toBe('received');
    expect(found?.timeline.map((t) => t.type)).toEqual(['case.created']);
    const events = await db.query<{ payload: string }[]>(
      `SELECT payload FROM outbox WHERE topic = $1 AND key = $2`,
      [Topics.caseEvents, received.caseId],
    );
    expect(events).toHaveLength(1);
    expect(parseCaseEvent(Buffer.from(events[0].payload))?.type).toBe('case.created');
  });

  it('filters the case list', async () => {
    const q = new CaseQueries(db);
    expect((await q.list({ externalRef: 't-1', offset: 0, limit: 10 })).total).toBe(1);
    expect((await q.list({ channel: 'board', offset: 0, limit: 10 })).total).toBe(0);
    expect((await q.list({ q: '油烟', offset: 0, limit: 10 })).total).toBe(1);
    expect((await q.list({ q: '50%_off', offset: 0, limit: 10 })).total).toBe(0);
  });

  it('hands out outbox rows in write order and marks them published only when the publish succeeds', async () => {
    const outbox = new PgOutboxStore(db, databaseUrl);
    try {
      await expect(outbox.publishNext(100, () => Promise.reject(new Error('broker down')))).rejects.toThrow(
        'broker down',
      );
      const seen: string[] = [];
      const n = await outbox.publishNext(100, (records) => {
        seen.push(...records.map((r) => r.topic));
        return Promise.resolve();
      });
      expect(n).toBe(4); // p-1, p-race, t-1 received, and t-1's case.created
      expect(seen).toEqual([
        Topics.messagesReceived,
        Topics.messagesReceived,
        Topics.messagesReceived,
        Topics.caseEvents,
      ]);
      expect(await outbox.publishNext(100, () => Promise.resolve())).toBe(0);
    } finally {
      await outbox.close();
    }
  });

  it('lets only one relay publish at a time, and wakes a waiting relay on insert', async () => {
    const outbox = new PgOutboxStore(db, databaseUrl);
    const other = new PgOutboxStore(db, databaseUrl);
    try {
      await db.query(`INSERT INTO outbox (topic, key, payload) VALUES ('lock.v1', 'k', '{}')`);
      let inner = -1;
      const outer = await outbox.publishNext(10, async () => {
        inner = await other.publishNext(10, () => Promise.resolve());
      });
      expect(outer).toBe(1);
      expect(inner).toBe(0);

      const t0 = Date.now();
      const waiting = outbox.waitForNews(20000);
      await new Promise((r) => setTimeout(r, 300)); // LISTEN is set up
      await db.query(`INSERT INTO outbox (topic, key, payload) VALUES ('wake.v1', 'k', '{}')`);
      await waiting;
      expect(Date.now() - t0).toBeLessThan(20000);
    } finally {
      await outbox.close();
      await other.close();
    }
  });
});
