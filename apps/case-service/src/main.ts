import { runConsumerApp } from '@hub/messaging';
import { AppModule } from './app.module';
import { CaseServiceConfig } from './case-service.config';

runConsumerApp('case-service', CaseServiceConfig, (config) => AppModule.forRoot(config));
