import { type Admin, type Kafka } from 'kafkajs';
import { deadLetterTopic } from '@hub/contracts';
import { type TopicNaming } from './topic-naming';

export interface TopicSpec {
  name: string;
  partitions?: number;
  /** Retention in days; dead-letter topics keep messages long enough to replay after a fix. */
  retentionDays?: number;
}

const DEFAULT_PARTITIONS = 3;
const DEAD_LETTER_RETENTION_DAYS = 30;

/** The topic and its dead-letter topic, with the DLT's own retention. */
export function withDeadLetter(name: string, partitions = DEFAULT_PARTITIONS): TopicSpec[] {
  return [
    { name, partitions },
    { name: deadLetterTopic(name), partitions: 1, retentionDays: DEAD_LETTER_RETENTION_DAYS },
  ];
}

/** Creates the topics that do not exist yet (idempotent; existing topics are left as they are). */
export async function ensureTopics(kafka: Kafka, naming: TopicNaming, specs: TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(naming.topic(s.name)));
    // Several services may create the same topic at once, and the loser's createTopics fails (the
    // topic exists, or has no leader yet): so everyone waits below until every partition has a
    // leader, and a creation error only matters if that never happens.
    let creationError: unknown;
    if (missing.length > 0) {
      await admin
        .createTopics({
          waitForLeaders: false,
          topics: missing.map((s) => ({
            topic: naming.topic(s.name),
            numPartitions: s.partitions ?? DEFAULT_PARTITIONS,
            replicationFactor: -1,
            configEntries: s.retentionDays
              ? [{ name: 'retention.ms', value: String(s.retentionDays * 24 * 3600 * 1000) }]
              : [],
          })),
        })
        .catch((e: unknown) => (creationError = e));
    }
    await waitForLeaders(
      admin,
      specs.map((s) => naming.topic(s.name)),
      creationError,
    );
  } finally {
    await admin.disconnect();
  }
}

async function waitForLeaders(
  admin: Admin,
  topics: string[],
  cause: unknown,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: meta } = await admin.fetchTopicMetadata({ topics });
      if (meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
    if (Date.now() > deadline) {
      const why = cause
        ? ` (creating them failed: ${cause instanceof Error ? cause.message : JSON.stringify(cause)})`
        : '';
      throw new Error(`topics without leaders after ${timeoutMs} ms: ${topics.join(', ')}${why}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Answers whether the broker is reachable (for `/health`), within the given time. */
export async function kafkaIsUp(kafka: Kafka, timeoutMs = 3000): Promise<{ up: boolean; detail: string }> {
  const admin = kafka.admin();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const cluster = await Promise.race([admin.connect().then(() => admin.describeCluster()), timeout]);
    return { up: true, detail: `${cluster.brokers.length} broker(s), controller ${cluster.controller}` };
  } catch (e) {
    return { up: false, detail: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => undefined);
  }
}
