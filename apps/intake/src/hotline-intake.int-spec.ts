import { type INestMicroservice } from '@nestjs/common';
import { type Kafka } from 'kafkajs';
import { Client } from 'pg';
import { DeadLetterHeaders, Topics } from '@hub/contracts';
import { loadConfig } from '@hub/config';
import { createConsumerApp, createKafka, KafkaPublisher, RetryPolicy, TopicNaming } from '@hub/messaging';
import { migrate } from '@hub/persistence';
import {
  deleteTopicsWithPrefix,
  dropTestDatabase,
  expectEventually,
  groupLag,
  readAll,
  testEnv,
} from '@hub/testing';
import { AppModule } from './app.module';
import { IntakeConfig } from './intake.config';

const PHONE = '13987654321';
const ID_CARD = '310101199003071230';

/** 1,000 messages: distinct valid tickets, redeliveries of some, and invalid ones of ten kinds. */
function stream(run: string) {
  const valid = Array.from({ length: 850 }, (_, i) =>
    JSON.stringify({
      ticketId: `${run}-${i}`,
      receivedAt: '2026-11-28T09:15:00+08:00',
      kind: ['consultation', 'help', 'complaint', 'suggestion', 'report'][i % 5],
      urgency: i % 17 === 0 ? 'urgent' : 'normal',
      title: `工单 ${i}`,
      content: `市民来电反映静安区某工地夜间施工噪声扰民，联系电话${PHONE}，身份证${ID_CARD}。序号${i}`,
      caller: { name: '张先生', phone: PHONE },
      street: '共和新路街道',
      hotlineCategory: '环境保护/噪声',
    }),
  );
  const redelivered = valid.slice(0, 50);
  const base = { receivedAt: '2026-11-28T09:15:00+08:00', kind: 'complaint', content: '内容' };
  const invalid: { value: Buffer; reason: RegExp }[] = [];
  for (let i = 0; i < 10; i++) {
    const id = `${run}-bad-${i}`;
    invalid.push(
      { value: Buffer.from(`not json ${id}`), reason: /\(message\): is not JSON/ },
      {
        value: Buffer.from(JSON.stringify({ ...base, ticketId: undefined, note: id })),
        reason: /ticketId: is required/,
      },
      {
        value: Buffer.from(JSON.stringify({ ...base, ticketId: id, kind: 'praise' })),
        reason: /kind: must be one of/,
      },
      {
        value: Buffer.from(JSON.stringify({ ...base, ticketId: id, receivedAt: 'yesterday' })),
        reason: /receivedAt: must be an ISO 8601/,
      },
      {
        value: Buffer.from(JSON.stringify({ ...base, ticketId: id, content: 'x'.repeat(20001) })),
        reason: /content: must have at most 20000/,
      },
      {
        value: Buffer.from(JSON.stringify({ ...base, ticketId: id, content: undefined })),
        reason: /content: is required/,
      },
      {
        value: Buffer.from(JSON.stringify({ ...base, ticketId: id, caller: { phone: 13800000000 } })),
        reason: /caller.phone: must be a string/,
      },
      {
        value: Buffer.concat([
          Buffer.from(`{"ticketId":"${id}","content":"`),
          Buffer.from([0xc3, 0x28]),
          Buffer.from('"}'),
        ]),
        reason: /not valid UTF-8/,
      },
      { value: Buffer.from(JSON.stringify([id])), reason: /must be a JSON object/ },
      {
        value: Buffer.from(JSON.stringify({ ...base, ticketId: id, content: 'y'.repeat(300 * 1024) })),
        reason: /bytes, more than/,
      },
    );
  }
  return { valid, redelivered, invalid };
}

describe('hotline intake (real Kafka and PostgreSQL)', () => {
  const env = testEnv('int');
  const databaseUrl = env.databaseUrl.replace(/hub_test_int$/, 'hub_test_int_hotline');
  const prefix = `${env.topicPrefix}hotline.`;
  const naming = new TopicNaming(prefix);
  let kafka: Kafka;
  let app: INestMicroservice;
  let db: Client;

  beforeAll(async () => {
    await dropTestDatabase(databaseUrl);
    await migrate(databaseUrl);
    const config = loadConfig('intake', IntakeConfig, {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      HUB_TOPIC_PREFIX: prefix,
      HUB_ENV: 'test',
    });
    kafka = createKafka({ clientId: 'int-hotline', brokers: env.kafkaBrokers });
    app = await createConsumerApp(
      AppModule.forRoot(config),
      {
        kafka,
        naming,
        groupId: 'intake',
        deadLetters: new KafkaPublisher(kafka, naming),
        retry: new RetryPolicy(3, 50, 200),
      },
      ['error'],
    );
    await app.listen();
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await app.close();
    await db.end();
    await deleteTopicsWithPrefix(kafka, prefix);
  });

  it('accounts for every one of 1,000 messages: one stored message per distinct ticket, each invalid one on the DLT with its reason', async () => {
    const run = `h${Date.now().toString(36)}`;
    const { valid, redelivered, invalid } = stream(run);
    const all = [
      ...valid.map((v) => ({ key: (JSON.parse(v) as { ticketId: string }).ticketId, value: v })),
      ...redelivered.map((v) => ({ key: (JSON.parse(v) as { ticketId: string }).ticketId, value: v })),
      ...invalid.map((m, i) => ({ key: `${run}-bad-key-${i}`, value: m.value })),
    ];
    expect(all).toHaveLength(1000);
    // Interleave so that bad messages sit between good ones on every partition.
    const shuffled = all
      .map((m, i) => ({ m, r: (i * 7919) % 1000 }))
      .sort((a, b) => a.r - b.r)
      .map((x) => x.m);
    const publisher = new KafkaPublisher(kafka, naming);
    for (let i = 0; i < shuffled.length; i += 100)
      await publisher.publish(Topics.hotlineTickets, shuffled.slice(i, i + 100));
    await publisher.disconnect();

    await expectEventually(
      async () => (await groupLag(kafka, naming.group('intake'), naming.topic(Topics.hotlineTickets))) === 0,
      {
        what: 'intake caught up',
        timeoutMs: 60000,
        intervalMs: 500,
      },
    );

    const rows = (
      await db.query<{ external_ref: string; n: number }>(
        `SELECT external_ref, count(*)::int AS n FROM message WHERE channel = 'hotline' GROUP BY external_ref`,
      )
    ).rows;
    expect(rows).toHaveLength(850);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.external_ref))).toEqual(
      new Set(valid.map((v) => (JSON.parse(v) as { ticketId: string }).ticketId)),
    );

    const dlt = await readAll(kafka, naming.topic(`${Topics.hotlineTickets}.dlt`), 100, 30000);
    expect(dlt).toHaveLength(100);
    for (const expected of invalid) {
      const copy = dlt.find((d) => d.value?.equals(expected.value));
      expect(copy).toBeDefined();
      expect(copy!.headers?.[DeadLetterHeaders.error]?.toString()).toMatch(expected.reason);
      expect(copy!.headers?.[DeadLetterHeaders.sourceTopic]?.toString()).toBe(
        naming.topic(Topics.hotlineTickets),
      );
      expect(copy!.headers?.[DeadLetterHeaders.sourceOffset]?.toString()).toMatch(/^\d+$/);
    }

    // Personal data: raw in the protected store only; masked in messages and in the outbox events.
    const [{ raw }] = (
      await db.query<{ raw: number }>(`SELECT count(*)::int AS raw FROM personal_data WHERE phone = $1`, [
        PHONE,
      ])
    ).rows;
    expect(raw).toBe(850);
    const leaks = await db.query(`SELECT 1 FROM message WHERE content LIKE $1 OR content LIKE $2 LIMIT 1`, [
      `%${PHONE}%`,
      `%${ID_CARD}%`,
    ]);
    expect(leaks.rowCount).toBe(0);
    const outboxLeaks = await db.query(
      `SELECT 1 FROM outbox WHERE payload LIKE $1 OR payload LIKE $2 LIMIT 1`,
      [`%${PHONE}%`, `%${ID_CARD}%`],
    );
    expect(outboxLeaks.rowCount).toBe(0);
    const [{ n: events }] = (
      await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE topic = $1`, [
        Topics.messagesReceived,
      ])
    ).rows;
    expect(events).toBe(850);
  });
});
