import { runConsumerApp } from '@hub/messaging';
import { AppModule } from './app.module';
import { ClustererConfig } from './clusterer.config';

runConsumerApp('clusterer', ClustererConfig, (config) => AppModule.forRoot(config));
