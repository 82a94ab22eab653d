import 'reflect-metadata';
import { type DynamicModule, Logger } from '@nestjs/common';
import { type ClassConstructor } from 'class-transformer';
import { type CommonConfig, loadConfig } from '@hub/config';
import { createKafka } from './kafka-factory';
import { createConsumerApp } from './consumer-app';
import { KafkaPublisher } from './message-publisher';
import { RetryPolicy } from './retry-policy';
import { TopicNaming } from './topic-naming';

/**
 * Starts a Kafka-consuming service: validated config, the hub's consumer transport (its group is
 * the service name), graceful shutdown on SIGTERM. A config error ends the process with the list.
 */
export function runConsumerApp<C extends CommonConfig>(
  name: string,
  configClass: ClassConstructor<C>,
  moduleFor: (config: C) => DynamicModule,
): void {
  const start = async () => {
    const config = loadConfig(name, configClass);
    const naming = new TopicNaming(config.HUB_TOPIC_PREFIX);
    const kafka = createKafka({
      clientId: `${config.KAFKA_CLIENT_ID}-${name}`,
      brokers: config.kafkaBrokers,
    });
    const app = await createConsumerApp(
      moduleFor(config),
      {
        kafka,
        naming,
        groupId: name,
        deadLetters: new KafkaPublisher(kafka, naming),
        retry: new RetryPolicy(config.KAFKA_MAX_ATTEMPTS),
      },
      [config.LOG_LEVEL, 'error', 'warn'],
    );
    app.enableShutdownHooks();
    await app.listen();
    Logger.log(`${name} is consuming`, name);
  };
  start().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
