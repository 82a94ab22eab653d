import { type IHeaders, type KafkaMessage } from 'kafkajs';
import { DeadLetterHeaders } from '@hub/contracts';
import { InvalidMessageError } from '@hub/contracts';
import { type OutgoingMessage } from './message-publisher';

export interface DeadLetterReason {
  error: unknown;
  attempts: number;
}

function describeError(error: unknown): { kind: string; text: string } {
  if (error instanceof InvalidMessageError) return { kind: 'invalid', text: error.message };
  if (error instanceof Error) return { kind: 'processing-failed', text: `${error.name}: ${error.message}` };
  return { kind: 'processing-failed', text: String(error) };
}

/**
 * The dead-letter copy of a message: the original key, bytes and headers untouched, plus headers
 * naming the source topic, partition, offset and the error, so it can be replayed after a fix.
 */
export function deadLetterMessage(
  source: { topic: string; partition: number; message: KafkaMessage },
  reason: DeadLetterReason,
  now: Date,
): OutgoingMessage {
  const { kind, text } = describeError(reason.error);
  const headers: IHeaders = {
    ...(source.message.headers ?? {}),
    [DeadLetterHeaders.sourceTopic]: source.topic,
    [DeadLetterHeaders.sourcePartition]: String(source.partition),
    [DeadLetterHeaders.sourceOffset]: source.message.offset,
    [DeadLetterHeaders.error]: Buffer.from(text.slice(0, 4000), 'utf8'),
    [DeadLetterHeaders.errorKind]: kind,
    [DeadLetterHeaders.attempts]: String(reason.attempts),
    [DeadLetterHeaders.failedAt]: now.toISOString(),
  };
  if (source.message.key) headers[DeadLetterHeaders.sourceKey] = source.message.key;
  return {
    key: source.message.key ? source.message.key.toString('utf8') : null,
    value: source.message.value ?? Buffer.alloc(0),
    headers,
  };
}
