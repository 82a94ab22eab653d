import { Controller, Module } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { type INestMicroservice } from '@nestjs/common';
import { type Kafka } from 'kafkajs';
import { DeadLetterHeaders, InvalidMessageError } from '@hub/contracts';
import { deleteTopicsWithPrefix, expectEventually, readAll, testEnv } from '@hub/testing';
import { createKafka } from './kafka-factory';
import { createConsumerApp } from './consumer-app';
import { BATCH, type InboundMessage } from './kafka-consumer.server';
import { KafkaPublisher } from './message-publisher';
import { RetryPolicy } from './retry-policy';
import { ensureTopics, withDeadLetter } from './topic-admin';
import { TopicNaming } from './topic-naming';

const TOPIC = 'probe.events.v1';
const BATCH_TOPIC = 'probe.batches.v1';
const processed: string[] = [];
const batches: string[][] = [];
const failuresLeft = new Map<string, number>();

/** A handler with every outcome: ok, invalid, fails N times then ok, always fails. */
@Controller()
class ProbeHandler {
  @EventPattern(TOPIC)
  handle(m: InboundMessage): void {
    const text = m.value.toString('utf8');
    if (text.startsWith('invalid'))
      throw new InvalidMessageError([{ field: 'content', problem: 'is required' }]);
    if (text.startsWith('flaky')) {
      const left = failuresLeft.get(text) ?? 2;
      failuresLeft.set(text, left - 1);
      if (left > 0) throw new Error('database briefly unavailable');
    }
    if (text.startsWith('poison')) throw new Error('bug: cannot handle this');
    processed.push(text);
  }

  @EventPattern(BATCH_TOPIC, BATCH)
  handleBatch(ms: InboundMessage[]): void {
    const texts = ms.map((m) => m.value.toString('utf8'));
    if (texts.some((t) => t.startsWith('invalid')))
      throw new InvalidMessageError([{ field: 'status', problem: 'is unknown' }]);
    batches.push(texts);
  }
}

@Module({ controllers: [ProbeHandler] })
class ProbeModule {}

describe('KafkaConsumerServer (real Kafka)', () => {
  const env = testEnv('int');
  const naming = new TopicNaming(`${env.topicPrefix}consumer.`);
  let kafka: Kafka;
  let app: INestMicroservice;
  let publisher: KafkaPublisher;

  beforeAll(async () => {
    kafka = createKafka({ clientId: 'int-consumer', brokers: env.kafkaBrokers });
    await ensureTopics(kafka, naming, [...withDeadLetter(TOPIC, 2), ...withDeadLetter(BATCH_TOPIC, 1)]);
    publisher = new KafkaPublisher(kafka, naming);
    app = await createConsumerApp(
      ProbeModule,
      { kafka, naming, groupId: 'probe', deadLetters: publisher, retry: new RetryPolicy(3, 50, 200) },
      false,
    );
    await app.listen();
  });

  afterAll(async () => {
    await app.close();
    await publisher.disconnect();
    await deleteTopicsWithPrefix(kafka, naming.prefix);
  });

  it('processes good messages, dead-letters invalid and poison ones with their reason, and keeps the partition flowing', async () => {
    const key = 'same-key'; // one partition: the good message after the bad ones must still arrive
    await publisher.publish(TOPIC, [
      { key, value: 'ok-1' },
      { key, value: 'invalid-1', headers: { 'x-trace': 'abc' } },
      { key, value: 'flaky-1' },
      { key, value: 'poison-1' },
      { key, value: 'ok-2' },
    ]);
    await expectEventually(() => Promise.resolve(processed.includes('ok-2')), {
      what: 'ok-2 processed',
      timeoutMs: 30000,
    });
    expect(processed).toEqual(['ok-1', 'flaky-1', 'ok-2']);

    const dlt = await readAll(kafka, naming.topic(`${TOPIC}.dlt`), 2);
    expect(dlt.map((m) => m.value?.toString())).toEqual(['invalid-1', 'poison-1']);
    const [invalid, poison] = dlt;
    const h = (m: (typeof dlt)[number], name: string) => m.headers?.[name]?.toString();
    expect(h(invalid, DeadLetterHeaders.sourceTopic)).toBe(naming.topic(TOPIC));
    expect(h(invalid, DeadLetterHeaders.sourcePartition)).toMatch(/^\d+$/);
    expect(h(invalid, DeadLetterHeaders.sourceOffset)).toMatch(/^\d+$/);
    expect(h(invalid, DeadLetterHeaders.error)).toBe('content: is required');
    expect(h(invalid, DeadLetterHeaders.errorKind)).toBe('invalid');
    expect(h(invalid, DeadLetterHeaders.attempts)).toBe('1');
    expect(h(invalid, 'x-trace')).toBe('abc');
    expect(invalid.key?.toString()).toBe(key);
    expect(h(poison, DeadLetterHeaders.errorKind)).toBe('processing-failed');
    expect(h(poison, DeadLetterHeaders.error)).toBe('Error: bug: cannot handle this');
    expect(h(poison, DeadLetterHeaders.attempts)).toBe('3');
  });

  it('hands a batch handler whole batches, and isolates an invalid message by falling back to one at a time', async () => {
    // One produce request is one record batch on the broker, fetched together.
    await publisher.publish(
      BATCH_TOPIC,
      ['a1', 'a2', 'a3'].map((value) => ({ key: 'k', value })),
    );
    await expectEventually(() => Promise.resolve(batches.flat().includes('a3')), {
      what: 'a3 processed',
      timeoutMs: 30000,
    });
    expect(batches).toEqual([['a1', 'a2', 'a3']]);
    batches.length = 0;

    await publisher.publish(BATCH_TOPIC, [
      ...['b1', 'b2', 'b3'].map((value) => ({ key: 'k', value })),
      { key: 'k', value: 'invalid-b' },
      { key: 'k', value: 'b4' },
    ]);
    await expectEventually(() => Promise.resolve(batches.flat().includes('b4')), {
      what: 'b4 processed',
      timeoutMs: 30000,
    });
    expect(
      batches
        .flat()
        .filter((t) => t !== 'invalid-b')
        .sort(),
    ).toEqual(expect.arrayContaining(['b1', 'b2', 'b3', 'b4']));
    expect(batches.flat()).not.toContain('invalid-b');
    const dlt = await readAll(kafka, naming.topic(`${BATCH_TOPIC}.dlt`), 1);
    expect(dlt.map((m) => m.value?.toString())).toEqual(['invalid-b']);
    expect(dlt[0].headers?.[DeadLetterHeaders.error]?.toString()).toBe('status: is unknown');
  });
});
