import 'reflect-metadata';
import { type Server } from 'node:http';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { loadConfig } from '@hub/config';
import { ApiConfig } from './api.config';
import { AppModule } from './app.module';
import { ClusterErrorFilter, InvalidInputFilter, WorkflowErrorFilter } from './http/invalid-input.filter';
import { hubValidationPipe } from './http/validation';
import { serveWebApp } from './web/web-static';

async function bootstrap(): Promise<void> {
  const config = loadConfig('api', ApiConfig);
  const problems = config.productionProblems();
  if (problems.length) throw new Error(`refusing to start in production: ${problems.join('; ')}`);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: [config.LOG_LEVEL, 'error', 'warn'],
  });
  app.useGlobalPipes(hubValidationPipe());
  app.useGlobalFilters(new InvalidInputFilter(), new WorkflowErrorFilter(), new ClusterErrorFilter());
  app.useBodyParser('json', { limit: '1mb' });
  app.enableShutdownHooks();
  // The web app at `/` (its routes are the browser's); /api, /open311 and /health stay the API's.
  serveWebApp(app, config.WEB_APP_DIR || undefined);
  const openapi = new DocumentBuilder()
    .setTitle('Civic Hub 政民互动中枢')
    .setDescription('Public API of the hub: channels, cases, search. Contracts: DESIGN.md.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openapi), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
  // Keep idle connections longer than clients and load balancers do (they close first), so a
  // request never lands on a socket the server is closing at that moment.
  const server: Server = app.getHttpServer();
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  Logger.log(`api listening on http://${config.HTTP_HOST}:${config.HTTP_PORT}`, 'api');
}

bootstrap().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
