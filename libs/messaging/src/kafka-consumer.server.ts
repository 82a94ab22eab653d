import { Logger } from '@nestjs/common';
import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import { type Consumer, type EachBatchPayload, type IHeaders, type Kafka, type KafkaMessage } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { deadLetterTopic } from '@hub/contracts';
import { deadLetterMessage } from './dead-letter';
import { type MessagePublisher } from './message-publisher';
import { RetryPolicy } from './retry-policy';
import { type TopicNaming } from './topic-naming';

/** What a Kafka handler receives: the raw record, with the contract name of its topic. */
export interface InboundMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer;
  headers: IHeaders;
  timestamp: string;
}

export interface KafkaConsumerOptions {
  kafka: Kafka;
  naming: TopicNaming;
  /** Consumer group (contract name; the naming prefix is applied). */
  groupId: string;
  /** Where dead-lettered messages go (`<topic>.dlt`); closed with the transport. */
  deadLetters: MessagePublisher;
  retry?: RetryPolicy;
  partitionsConsumedConcurrently?: number;
}

/** `@EventPattern(Topics.x, BATCH)`: the handler takes `InboundMessage[]` (see processBatch). */
export const BATCH_EXTRA = 'hubBatch';
export const BATCH = { [BATCH_EXTRA]: true } as const;

function toInbound(topic: string, partition: number, message: KafkaMessage): InboundMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString('utf8') : null,
    value: message.value ?? Buffer.alloc(0),
    headers: message.headers ?? {},
    timestamp: message.timestamp,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The hub's Kafka transport for NestJS: handlers are plain `@EventPattern(Topics.x)` methods that
 * receive an {@link InboundMessage}. Unlike Nest's built-in Kafka server (which leaves a failing
 * message uncommitted forever, nestjs/nest#14664), every message ends either processed or on its
 * dead-letter topic with the reason; the offset is committed only after one of the two.
 */
export class KafkaConsumerServer extends Server implements CustomTransportStrategy {
  private consumer: Consumer | null = null;
  private readonly retry: RetryPolicy;
  private readonly log = new Logger(KafkaConsumerServer.name);

  constructor(private readonly options: KafkaConsumerOptions) {
    super();
    this.retry = options.retry ?? new RetryPolicy();
  }

  on(): void {
    // No transport-level events are exposed.
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  listen(callback: (...optionalParams: unknown[]) => void): void {
    this.start().then(
      () => callback(),
      (e: unknown) => callback(e),
    );
  }

  private async start(): Promise<void> {
    const { kafka, naming, groupId } = this.options;
    const topics = [...this.messageHandlers.keys()];
    const consumer = kafka.consumer({ groupId: naming.group(groupId), allowAutoTopicCreation: true });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: topics.map((t) => naming.topic(t)), fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => this.processBatch(payload),
    });
    this.log.log(`group ${naming.group(groupId)} consumes ${topics.join(', ')}`);
  }

  /**
   * A handler registered with `@EventPattern(topic, BATCH)` gets the whole fetched batch at once;
   * if the batch fails, its messages go through one by one (a batch of one each), so a poison
   * message is retried and dead-lettered alone. Other handlers get one message at a time.
   * Offsets are resolved only after a message is processed or dead-lettered.
   */
  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const heartbeat = () => payload.heartbeat();
    const contractTopic = this.options.naming.contractName(batch.topic) ?? batch.topic;
    const handler = this.messageHandlers.get(contractTopic);
    const inbound = batch.messages.map((m) => toInbound(contractTopic, batch.partition, m));
    if (handler?.extras?.[BATCH_EXTRA] && inbound.length > 1) {
      try {
        await this.invoke(handler, inbound);
        payload.resolveOffset(batch.lastOffset());
        await heartbeat();
        return;
      } catch (error) {
        this.log.warn(
          `${batch.topic}[${batch.partition}] batch of ${inbound.length} failed (${String(error)}): one by one`,
        );
      }
    }
    for (let i = 0; i < batch.messages.length; i++) {
      if (!payload.isRunning() || payload.isStale()) return;
      const one = inbound[i];
      await this.processOne(
        handler,
        handler?.extras?.[BATCH_EXTRA] ? [one] : one,
        batch.topic,
        batch.partition,
        batch.messages[i],
        heartbeat,
      );
      payload.resolveOffset(batch.messages[i].offset);
      await heartbeat();
    }
  }

  private async invoke(handler: MessageHandler, data: InboundMessage | InboundMessage[]): Promise<void> {
    const result: unknown = await handler(data);
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }

  private async processOne(
    handler: MessageHandler | undefined,
    data: InboundMessage | InboundMessage[],
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const contractTopic = this.options.naming.contractName(topic) ?? topic;
    for (let attempt = 1; ; attempt++) {
      try {
        if (!handler) throw new Error(`no handler for topic ${contractTopic}`);
        await this.invoke(handler, data);
        return;
      } catch (error) {
        if (this.retry.shouldRetry(error, attempt)) {
          this.log.warn(
            `${topic}[${partition}]@${message.offset} attempt ${attempt} failed: ${String(error)}`,
          );
          await sleep(this.retry.delayMs(attempt));
          await heartbeat();
          continue;
        }
        // If the dead-letter write fails, this throws: kafkajs does not commit and retries the message.
        await this.options.deadLetters.publish(deadLetterTopic(contractTopic), [
          deadLetterMessage({ topic, partition, message }, { error, attempts: attempt }, new Date()),
        ]);
        this.log.warn(`${topic}[${partition}]@${message.offset} dead-lettered: ${String(error)}`);
        return;
      }
    }
  }

  /** Stops consuming, then closes the dead-letter producer (the transport owns it). */
  async close(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = null;
    await this.options.deadLetters.disconnect();
  }
}
