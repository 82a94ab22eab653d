import { type IHeaders, type Kafka, type KafkaMessage } from 'kafkajs';
import { DeadLetterHeaders } from '@hub/contracts';
import { type OutgoingMessage } from './message-publisher';

const DLT_HEADER_NAMES = new Set<string>(Object.values(DeadLetterHeaders));

/** A dead-lettered message as it was before it failed: original key, bytes and headers, and where it came from. */
export interface DeadLetter {
  offset: string;
  sourceTopic: string | null;
  error: string | null;
  message: OutgoingMessage;
}

/** Strips the dead-letter headers: what remains is the message as the producer sent it. */
export function originalOf(m: KafkaMessage): DeadLetter {
  const headers: IHeaders = {};
  for (const [k, v] of Object.entries(m.headers ?? {}))
    if (!DLT_HEADER_NAMES.has(k) && v !== undefined) headers[k] = v;
  const h = (name: string) => m.headers?.[name]?.toString() ?? null;
  return {
    offset: m.offset,
    sourceTopic: h(DeadLetterHeaders.sourceTopic),
    error: h(DeadLetterHeaders.error),
    message: { key: m.key ? m.key.toString('utf8') : null, value: m.value ?? Buffer.alloc(0), headers },
  };
}

/**
 * Reads a dead-letter topic from `fromOffset` (per partition) up to what it holds now. Reading
 * uses no consumer group and commits nothing: replaying twice is the operator's choice, and the
 * hub's consumers are idempotent on source ids.
 */
export async function readDeadLetters(kafka: Kafka, dltTopic: string, fromOffset = 0): Promise<DeadLetter[]> {
  const admin = kafka.admin();
  await admin.connect();
  let ends: { partition: number; high: string; low: string }[];
  try {
    ends = await admin.fetchTopicOffsets(dltTopic);
  } finally {
    await admin.disconnect();
  }
  const wanted = new Map(ends.map((p) => [p.partition, Number(p.high)]));
  const remaining = ends.reduce(
    (n, p) => n + Math.max(0, Number(p.high) - Math.max(fromOffset, Number(p.low))),
    0,
  );
  if (remaining === 0) return [];
  const consumer = kafka.consumer({
    groupId: `hub-dlt-replay-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  });
  const out: DeadLetter[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: dltTopic, fromBeginning: true });
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    let seen = 0;
    await consumer.run({
      autoCommit: false,
      eachMessage: ({ partition, message }) => {
        if (Number(message.offset) >= fromOffset && Number(message.offset) < (wanted.get(partition) ?? 0)) {
          out.push(originalOf(message));
          if (++seen >= remaining) done();
        }
        return Promise.resolve();
      },
    });
    await finished;
  } finally {
    await consumer.disconnect();
  }
  return out;
}
