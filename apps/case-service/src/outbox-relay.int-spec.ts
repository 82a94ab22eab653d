import { type Kafka } from 'kafkajs';
import { type DataSource } from 'typeorm';
import { createKafka, KafkaPublisher, OutboxRelay, TopicNaming } from '@hub/messaging';
import { createDataSource, migrate, PgOutboxStore } from '@hub/persistence';
import { deleteTopicsWithPrefix, dropTestDatabase, readAll, testEnv } from '@hub/testing';

describe('outbox relay (real PostgreSQL and Kafka)', () => {
  const env = testEnv('int');
  const databaseUrl = env.databaseUrl.replace(/hub_test_int$/, 'hub_test_int_relay');
  const naming = new TopicNaming(`${env.topicPrefix}relay.`);
  let db: DataSource;
  let kafka: Kafka;
  let publisher: KafkaPublisher;
  let outbox: PgOutboxStore;

  beforeAll(async () => {
    await dropTestDatabase(databaseUrl);
    await migrate(databaseUrl);
    db = await createDataSource(databaseUrl).initialize();
    kafka = createKafka({ clientId: 'int-relay', brokers: env.kafkaBrokers });
    publisher = new KafkaPublisher(kafka, naming);
    outbox = new PgOutboxStore(db, databaseUrl);
  });

  afterAll(async () => {
    await outbox.close();
    await publisher.disconnect();
    await db.destroy();
    await deleteTopicsWithPrefix(kafka, naming.prefix);
  });

  const insert = (topic: string, key: string, n: number) =>
    db.query(`INSERT INTO outbox (topic, key, payload) VALUES ($1, $2, $3)`, [
      topic,
      key,
      JSON.stringify({ n }),
    ]);

  it('publishes in write order per key, and publishes again what a crash left unmarked', async () => {
    for (let n = 1; n <= 5; n++) await insert('order.v1', 'case-1', n);
    const relay = new OutboxRelay(outbox, publisher, 2);
    expect(await relay.drain()).toBe(5);
    const first = await readAll(kafka, naming.topic('order.v1'), 5);
    expect(first.map((m) => m.value!.toString())).toEqual([1, 2, 3, 4, 5].map((n) => `{"n":${n}}`));

    // Crash: the batch reaches Kafka, then the process dies before the rows are marked published.
    await insert('crash.v1', 'k', 1);
    await insert('crash.v1', 'k', 2);
    await expect(
      outbox.publishNext(100, async (records) => {
        await publisher.publish(
          'crash.v1',
          records.map((r) => ({ key: r.key, value: r.payload })),
        );
        throw new Error('process killed');
      }),
    ).rejects.toThrow('process killed');
    expect(await relay.drain()).toBe(2); // nothing lost: both rows go out again
    const copies = await readAll(kafka, naming.topic('crash.v1'), 4);
    expect(copies.map((m) => m.value!.toString())).toEqual(['{"n":1}', '{"n":2}', '{"n":1}', '{"n":2}']);
    expect(await relay.drain()).toBe(0);
  });

  it('runs as a loop that a new row wakes', async () => {
    const relay = new OutboxRelay(outbox, publisher, 100, 30000);
    relay.start();
    try {
      await new Promise((r) => setTimeout(r, 300));
      await insert('wake.v1', 'k', 1);
      const got = await readAll(kafka, naming.topic('wake.v1'), 1, 10000);
      expect(got.map((m) => m.value!.toString())).toEqual(['{"n":1}']);
    } finally {
      await relay.stop();
    }
  });
});
