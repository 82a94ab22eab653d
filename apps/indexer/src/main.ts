import { runConsumerApp } from '@hub/messaging';
import { AppModule } from './app.module';
import { IndexerConfig } from './indexer.config';

runConsumerApp('indexer', IndexerConfig, (config) => AppModule.forRoot(config));
