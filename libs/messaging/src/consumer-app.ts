import 'reflect-metadata';
import {
  type ArgumentsHost,
  Catch,
  type RpcExceptionFilter,
  type DynamicModule,
  type INestMicroservice,
  type LogLevel,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type Observable, throwError } from 'rxjs';
import { KafkaConsumerServer, type KafkaConsumerOptions } from './kafka-consumer.server';

/**
 * Nest's default RPC filter turns any error into `{ status: 'error', message: 'Internal server
 * error' }`, which would hide the reason from the dead-letter record and the retry policy. This
 * filter hands the original error to {@link KafkaConsumerServer}, which decides retry or DLT.
 */
@Catch()
export class PassErrorsToConsumerFilter implements RpcExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** Builds a Kafka-consuming Nest app on the hub's transport, with the error pass-through filter. */
export async function createConsumerApp(
  module: DynamicModule | Type,
  options: KafkaConsumerOptions,
  logger: LogLevel[] | false,
): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice(module, {
    strategy: new KafkaConsumerServer(options),
    logger,
  });
  app.useGlobalFilters(new PassErrorsToConsumerFilter());
  return app;
}
