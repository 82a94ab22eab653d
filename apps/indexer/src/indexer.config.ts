import { CommonConfig } from '@hub/config';

/** Configuration of the indexer (everything it needs is common for now). */
export class IndexerConfig extends CommonConfig {}
