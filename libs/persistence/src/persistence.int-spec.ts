import { type Kafka } from 'kafkajs';
import { type DataSource } from 'typeorm';
import { parseCaseEvent, parseReceivedMessage, Topics } from '@hub/contracts';
import { OpenCaseUseCase } from '@hub/cases';
import { randomIds, systemClock } from '@hub/config';
import { ReceiveMessageUseCase } from '@hub/intake';
import { createKafka, KafkaPublisher, OutboxRelay, TopicNaming } from '@hub/messaging';
import { deleteTopicsWithPrefix, freshDatabase, readAll, ReceivedMessageBuilder, testEnv } from '@hub/testing';
import { createDataSource } from './data-source';
import { CaseQueries } from './stores/case-queries';
import { PgCaseStore } from './stores/pg-case.store';
import { PgIntakeStore } from './stores/pg-intake.store';
import { PgOutboxStore } from './stores/pg-outbox.store';

describe('persistence (real PostgreSQL and Kafka)', () => {
  const env = testEnv('int');
  const databaseUrl = env.databaseUrl.replace(/hub_test_int$/, 'hub_test_int_persistence');
  const naming = new TopicNaming(`${env.topicPrefix}persistence.`);
  let db: DataSource;
  let kafka: Kafka;
  let publisher: KafkaPublisher;
  let outbox: PgOutboxStore;

  beforeAll(async () => {
    await freshDatabase(databaseUrl);
    db = await createDataSource(databaseUrl).initialize();
    kafka = createKafka({ clientId: 'int-persistence', brokers: env.kafkaBrokers });
    publisher = new KafkaPublisher(kafka, naming);
    outbox = new PgOutboxStore(db, databaseUrl);
  });

  afterAll(async () => {
    await outbox.close();
    await publisher.disconnect();
    await db.destroy();
    await deleteTopicsWithPrefix(kafka, naming.prefix);
  });

  const receive = () => new ReceiveMessageUseCase(new PgIntakeStore(db), systemClock, randomIds);
  const board = (postId: string, content: string) => ({
    channel: 'board' as const, externalRef: postId, receivedAt: null, kind: 'consultation' as const, urgency: 'normal' as const,
    title: '油烟扰民', content, contact: { name: '张三', phone: '13912345678' }, policyDocNo: null, address: null, street: null, sourceDueAt: null,
  });

  it('stores a message once per source id and keeps personal data out of the text', async () => {
    const first = await receive().execute(board('p-1', '餐馆油烟扰民，我的电话13912345678，身份证310101198001011234'));
    const again = await receive().execute(board('p-1', 'a re-sent copy'));
    expect(again).toEqual({ ...first, duplicate: true });
    const [msg] = await db.query(`SELECT content FROM message WHERE id = $1`, [first.messageId]);
    expect(msg.content).toBe('餐馆油烟扰民，我的电话139****5678，身份证310101********1234');
    const [pd] = await db.query(`SELECT name, phone, found FROM personal_data WHERE message_id = $1`, [first.messageId]);
    expect(pd.name).toBe('张三');
    expect(pd.phone).toBe('13912345678');
    expect(pd.found.map((f: { value: string }) => f.value)).toEqual(['13912345678', '310101198001011234']);
    const rows = await db.query(`SELECT payload FROM outbox WHERE topic = $1`, [Topics.messagesReceived]);
    expect(rows).toHaveLength(1);
    expect(rows[0].payload).not.toMatch(/13912345678|310101198001011234/);
  });

  it('answers every concurrent copy of one post with the same ids and stores it once', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => receive().execute(board('p-race', '同一条留言并发提交'))));
    expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM message WHERE external_ref = 'p-race'`);
    expect(n).toBe(1);
  });

  it('opens one case per received message however often it is delivered', async () => {
    const received = ReceivedMessageBuilder.hotline().externalRef('t-1').build();
    await db.query(
      `INSERT INTO message (id, channel, external_ref, case_id, content, received_at) VALUES ($1, 'hotline', 't-1', $2, 'x', now())`,
      [received.messageId, received.caseId],
    );
    const openCase = new OpenCaseUseCase(new PgCaseStore(db), systemClock, randomIds);
    const outcomes = await Promise.all([openCase.execute(received), openCase.execute(received), openCase.execute(received)]);
    expect(outcomes.filter((o) => o.opened)).toHaveLength(1);
    const found = await new CaseQueries(db).get(received.caseId);
    expect(found?.case.status).toBe('received');
    expect(found?.timeline.map((t) => t.type)).toEqual(['case.created']);
    const events = await db.query(`SELECT payload FROM outbox WHERE topic = $1 AND key = $2`, [Topics.caseEvents, received.caseId]);
    expect(events).toHaveLength(1);
  });

  it('relays the outbox to Kafka in write order, and again after a crash between publishing and marking', async () => {
    const relay = new OutboxRelay(outbox, publisher, 100);
    expect(await relay.drain()).toBe(3); // the two received messages and the case.created above
    const received = await readAll(kafka, naming.topic(Topics.messagesReceived), 2);
    expect(received.map((m) => parseReceivedMessage(m.value!).externalRef).sort()).toEqual(['p-1', 'p-race']);

    // Crash: the batch reaches Kafka, then the process dies before the rows are marked published.
    await db.query(`INSERT INTO outbox (topic, key, payload) VALUES ($1, 'k', '{"n":1}'), ($1, 'k', '{"n":2}')`, ['crash.v1']);
    await expect(
      outbox.publishNext(100, async (records) => {
        await publisher.publish('crash.v1', records.map((r) => ({ key: r.key, value: r.payload })));
        throw new Error('process killed');
      }),
    ).rejects.toThrow('process killed');
    expect(await relay.drain()).toBe(2); // nothing lost: both rows go out again
    const copies = await readAll(kafka, naming.topic('crash.v1'), 4);
    expect(copies.map((m) => m.value!.toString())).toEqual(['{"n":1}', '{"n":2}', '{"n":1}', '{"n":2}']);
    expect(await relay.drain()).toBe(0);
  });

  it('lets only one relay publish at a time', async () => {
    await db.query(`INSERT INTO outbox (topic, key, payload) VALUES ('lock.v1', 'k', '{}')`);
    let inner = -1;
    const outer = await outbox.publishNext(10, async () => {
      inner = await new PgOutboxStore(db, databaseUrl).publishNext(10, async () => undefined);
    });
    expect(outer).toBe(1);
    expect(inner).toBe(0);
  });

  it('keeps case events parseable by the public contract', async () => {
    const [row] = await db.query(`SELECT payload FROM outbox WHERE topic = $1 LIMIT 1`, [Topics.caseEvents]);
    const event = parseCaseEvent(Buffer.from(row.payload));
    expect(event?.type).toBe('case.created');
    expect(event?.version).toBe(1);
  });
});
