import { type IHeaders, type Kafka, type Producer } from 'kafkajs';
import { type TopicNaming } from './topic-naming';

export interface OutgoingMessage {
  key: string | null;
  value: string | Buffer;
  headers?: IHeaders;
}

/** Port: sends messages to a contract topic. Adapters decide the broker name of the topic. */
export interface MessagePublisher {
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * Idempotent producer (acks = all, retries without duplicates), uncompressed so that every client
 * can read what the hub writes (DESIGN.md).
 */
export class KafkaPublisher implements MessagePublisher {
  private readonly producer: Producer;
  private connected: Promise<void> | null = null;

  constructor(
    kafka: Kafka,
    private readonly naming: TopicNaming,
  ) {
    // An idempotent producer must not give up on retries (kafkajs warns otherwise): while the broker
    // is away, the relay and the dead-letter writes wait for it instead of failing.
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 5,
      allowAutoTopicCreation: true,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 10000 },
    });
  }

  async connect(): Promise<void> {
    this.connected ??= this.producer.connect();
    await this.connected;
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.connect();
    await this.producer.send({ topic: this.naming.topic(topic), acks: -1, messages });
  }

  async disconnect(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
    this.connected = null;
  }
}
