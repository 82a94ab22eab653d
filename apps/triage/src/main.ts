import { runConsumerApp } from '@hub/messaging';
import { AppModule } from './app.module';
import { TriageConfig } from './triage.config';

runConsumerApp('triage', TriageConfig, (config) => AppModule.forRoot(config));
