import { runConsumerApp } from '@hub/messaging';
import { AppModule } from './app.module';
import { IntakeConfig } from './intake.config';

runConsumerApp('intake', IntakeConfig, (config) => AppModule.forRoot(config));
