import { type Kafka, type KafkaMessage } from 'kafkajs';

/** Waits until a topic exists and every partition has a leader (a just auto-created topic may not). */
export async function waitForTopic(kafka: Kafka, topic: string, timeoutMs = 15000): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
        if (topics[0]?.partitions.length && topics[0].partitions.every((p) => p.leader >= 0)) return;
      } catch {
        // not there yet
      }
      if (Date.now() > deadline) throw new Error(`topic ${topic} has no leader after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await admin.disconnect();
  }
}

/** Reads every message currently on a topic (from the beginning), with a fresh consumer group. */
export async function readAll(
  kafka: Kafka,
  topic: string,
  expected: number,
  timeoutMs = 20000,
): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({
    groupId: `reader-${topic}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  });
  const seen: KafkaMessage[] = [];
  await waitForTopic(kafka, topic, timeoutMs);
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let done!: () => void;
    const enough = new Promise<void>((r) => (done = r));
    await consumer.run({
      eachMessage: ({ message }) => {
        seen.push(message);
        if (seen.length >= expected) done();
        return Promise.resolve();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([enough, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    return seen;
  } finally {
    await consumer.disconnect();
  }
}

/** Every message a topic holds now (its high watermarks tell how many to wait for). */
export async function readTopic(kafka: Kafka, topic: string, timeoutMs = 20000): Promise<KafkaMessage[]> {
  await waitForTopic(kafka, topic, timeoutMs);
  const admin = kafka.admin();
  await admin.connect();
  let count: number;
  try {
    count = (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
  return count === 0 ? [] : readAll(kafka, topic, count, timeoutMs);
}

/** Sum of a consumer group's lag over a topic: 0 once it has committed everything written so far. */
export async function groupLag(kafka: Kafka, groupId: string, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [ends, committed] = await Promise.all([
      admin.fetchTopicOffsets(topic),
      admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    const done = new Map(committed[0]?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? []);
    return ends.reduce((sum, p) => sum + Number(p.high) - Math.max(0, done.get(p.partition) ?? 0), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Deletes the topics a test run created (those carrying its prefix). */
export async function deleteTopicsWithPrefix(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length) await admin.deleteTopics({ topics });
    const groups = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => g.startsWith(prefix));
    if (groups.length) await admin.deleteGroups(groups).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
