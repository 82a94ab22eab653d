import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PgDirectoryStore } from './stores/pg-directory.store';
import { defaultSegmenter, directoryWords } from '@hub/text';

/** Re-read at least this often, for changes made through another API instance. */
const REFRESH_MS = 60_000;

/**
 * Keeps this process's segmenter user dictionary (用户词典) in step with the directory and the
 * policy registry — unit, street and community names, policy keywords — so the indexer, search
 * queries and triage segment text alike: at start, after every registry write (API), and every
 * minute. Needs a PgDirectoryStore provider. jieba cannot forget words: a renamed unit's old name stays until a restart.
 */
@Injectable()
export class DirectoryDictionary implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('user-dictionary');
  private timer: NodeJS.Timeout | undefined;

  constructor(@Inject(PgDirectoryStore) private readonly directory: PgDirectoryStore) {}

  onApplicationBootstrap(): void {
    this.refresh();
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Adds new words in the background; a failure is logged and retried at the next refresh. */
  refresh(): void {
    this.directory
      .vocabulary()
      .then((v) => {
        const n = defaultSegmenter().addNewWords(directoryWords(v));
        if (n > 0) this.log.log(`${n} word(s) from the directory added`);
      })
      .catch((e: unknown) => this.log.warn(`not refreshed: ${e instanceof Error ? e.message : String(e)}`));
  }
}
