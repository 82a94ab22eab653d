import {
  type DynamicModule,
  Global,
  Inject,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { type Kafka } from 'kafkajs';
import { type CommonConfig } from '@hub/config';
import { createKafka } from './kafka-factory';
import { KafkaPublisher } from './message-publisher';
import { ensureTopics, type TopicSpec } from './topic-admin';
import { TopicNaming } from './topic-naming';

export const KAFKA = Symbol('Kafka');
export const MESSAGE_PUBLISHER = Symbol('MessagePublisher');

export interface MessagingOptions {
  clientId: string;
  brokers: string[];
  topicPrefix: string;
  /** Topics this app consumes or produces; created at start when missing. */
  topics: TopicSpec[];
}

const OPTIONS = Symbol('MessagingOptions');

/** Provides the Kafka client, the topic naming and the publisher; creates the app's topics at start. */
@Global()
@Module({})
export class MessagingModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(TopicNaming) private readonly naming: TopicNaming,
    @Inject(MESSAGE_PUBLISHER) private readonly publisher: KafkaPublisher,
    @Inject(OPTIONS) private readonly options: MessagingOptions,
  ) {}

  static forRoot(options: MessagingOptions): DynamicModule {
    const naming = new TopicNaming(options.topicPrefix);
    const kafka = createKafka({ clientId: options.clientId, brokers: options.brokers });
    return {
      module: MessagingModule,
      providers: [
        { provide: OPTIONS, useValue: options },
        { provide: KAFKA, useValue: kafka },
        { provide: TopicNaming, useValue: naming },
        { provide: MESSAGE_PUBLISHER, useFactory: () => new KafkaPublisher(kafka, naming) },
      ],
      exports: [KAFKA, TopicNaming, MESSAGE_PUBLISHER],
    };
  }

  /** The usual wiring for one hub service: client id, brokers and prefix from its validated config. */
  static forService(service: string, config: CommonConfig, topics: TopicSpec[]): DynamicModule {
    return MessagingModule.forRoot({
      clientId: `${config.KAFKA_CLIENT_ID}-${service}`,
      brokers: config.kafkaBrokers,
      topicPrefix: config.HUB_TOPIC_PREFIX,
      topics,
    });
  }

  async onModuleInit(): Promise<void> {
    await ensureTopics(this.kafka, this.naming, this.options.topics);
    await this.publisher.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.disconnect();
  }
}
